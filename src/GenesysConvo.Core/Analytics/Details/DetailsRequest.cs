using System;
using System.Collections.Generic;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api;

namespace GenesysConvo.Core.Analytics.Details;

public enum DetailsSource
{
    /// <summary>The details query; the jobs API for the part of windows longer than 31 days that the datalake holds, and for
    /// a shorter window it holds whole when a job needs fewer requests (DetailsCost).</summary>
    Auto,
    /// <summary>Only the synchronous details query.</summary>
    Query,
    /// <summary>The jobs API wherever the datalake has the data (-Bulk).</summary>
    Jobs,
}

/// <summary>Which conversations to read: those that started in the window and match the query.</summary>
public class DetailsRequest
{
    public TimeWindow Window { get; set; }
    public DetailsQuery Query { get; set; } = DetailsQuery.Empty();
    /// <summary>Conversations still in progress are wanted too (the query has no conversationEnd exists filter).</summary>
    public bool IncludeActive { get; set; }
    public int PageSize { get; set; } = AnalyticsApi.MaxDetailsPageSize;
    public DetailsSource Source { get; set; }
    /// <summary>At most this many conversations are read (-Skip plus -First; null: all): Auto counts a read's cost up to them.</summary>
    public long? Wanted { get; set; }
    /// <summary>The title of the progress the engine reports while it waits (a details job).</summary>
    public string Activity { get; set; } = "Reading conversation details";
    /// <summary>Read the jobs part as one job per this span (null: one job), so a resumed read repeats less.</summary>
    public TimeSpan? JobSpan { get; set; }
    /// <summary>Query slices no longer than this (null: as long as the API accepts).</summary>
    public TimeSpan? SliceLength { get; set; }
    /// <summary>Where an earlier read stopped, to continue from (null: from the start). The reader moves it on as it goes.</summary>
    public DetailsPosition? Resume { get; set; }
}

/// <summary>A page of conversations the stream has not given before, each of which started in the window, with where
/// the engine is and how far along.</summary>
public sealed class DetailsPage
{
    public DetailsPage(IReadOnlyList<AnalyticsConversation> conversations, string where, long fetched, long estimated)
    {
        Conversations = conversations;
        Where = where;
        Fetched = fetched;
        Estimated = estimated;
    }

    /// <summary>This page ends its unit (it may be empty: the end of a unit shows only after it).</summary>
    public bool EndsUnit { get; set; }

    public IReadOnlyList<AnalyticsConversation> Conversations { get; }
    /// <summary>"slice 2 of 5 (2026-03-01 00:00 to 2026-03-08 00:00 UTC), page 3", for progress.</summary>
    public string Where { get; }
    /// <summary>Conversations received so far, duplicates and out-of-window ones included.</summary>
    public long Fetched { get; }
    /// <summary>The API's approximate totals of the slices read so far.</summary>
    public long Estimated { get; }
}

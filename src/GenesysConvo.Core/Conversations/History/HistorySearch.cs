using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.History;

public enum HistoryExpansion
{
    None,
    Participant,
    Session,
    Segment,
}

/// <summary>A history search: the details to read, and how to write them.</summary>
public sealed class HistoryRequest : DetailsRequest
{
    public HistoryRequest() => Activity = "Search-GenesysConversationHistory";

    public HistoryExpansion Expand { get; set; }
    /// <summary>Conversations to pass over before the first one written (-Skip).</summary>
    public long Skip { get; set; }
    /// <summary>Conversations to write at most (-First): no page is requested beyond the one that completes them.</summary>
    public long? Limit { get; set; }
}

/// <summary>Search-GenesysConversationHistory: every conversation that started in a window, exactly once (the details
/// engine), written as one record per conversation or one row per participant, session or segment (-Expand).</summary>
public static class HistorySearch
{
    /// <summary>What -Expand takes, in any case: one row per participant, session or segment.</summary>
    public static readonly IReadOnlyList<string> Expansions = new[] { "Participant", "Session", "Segment" };

    /// <summary>-Expand read as the level to write rows of; none is one record per conversation.</summary>
    public static HistoryExpansion ParseExpansion(string? value)
    {
        if (value is null) return HistoryExpansion.None;
        var known = Expansions.FirstOrDefault(e => string.Equals(e, value.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"-Expand '{value}' is not one of: {string.Join(", ", Expansions)}.");
        return (HistoryExpansion)Enum.Parse(typeof(HistoryExpansion), known);
    }

    /// <summary>Writes each page's records through <paramref name="write"/> (at once) as the page arrives; returns how many
    /// conversations were written.</summary>
    public static Task<long> SearchAsync(GenesysApi api, NameResolver names, HistoryRequest request,
        Action<IReadOnlyList<object>> write, CancellationToken cancellationToken)
    {
        if (request.Limit is { } limit) request.Wanted = limit > long.MaxValue - request.Skip ? long.MaxValue : limit + request.Skip;
        var reader = new ConversationDetailsReader(api.Analytics, request);
        var builder = new ConversationRecordBuilder(names.NameOf, api.Connection.Options.Time.GetUtcNow());
        var writer = new DetailsRecordWriter(names, conversation => Shape(builder, request.Expand, conversation), write)
        {
            Skip = request.Skip, Limit = request.Limit, Activity = request.Activity,
        };
        return writer.WriteAsync(reader.ReadAsync(cancellationToken), cancellationToken);
    }

    /// <summary>How many details queries a search sends at least, counted without sending any: one per unit of the
    /// details engine's plan that the details query reads (a busy slice takes one more per page of 100), plus one per
    /// slice of the whole window for -IncludeTotalCount. Where the jobs API reads the datalake, the plan depends on the
    /// datalake's availability date, which needs a request: it is taken as now, about where the datalake usually is.</summary>
    public static RequestPlan Plan(HistoryCriteria criteria, DetailsRequest request, bool includeTotalCount, DateTimeOffset now)
    {
        var shaped = new DetailsRequest
        {
            Window = request.Window, Query = criteria.Shape(), IncludeActive = request.IncludeActive, Source = request.Source,
            JobSpan = request.JobSpan, SliceLength = request.SliceLength,
        };
        var usesJobs = request.Source == DetailsSource.Jobs
                       || (request.Source == DetailsSource.Auto && request.Window.Length > ConversationDetailsReader.BulkThreshold);
        var plan = DetailsPlan.Make(shaped, usesJobs ? now : (DateTimeOffset?)null);
        var queries = plan.Units.Count(unit => unit.Kind != DetailsUnitKind.Job);
        var totals = includeTotalCount ? request.Window.Split(ConversationDetailsReader.MaximumSlice(shaped.Query)).Count() : 0;
        var slice = DetailsPlan.QuerySlice(shaped);
        var length = slice.TotalDays >= 1
            ? slice.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days"
            : slice.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " hours";
        var each = totals > 0 ? ", and one more each for -IncludeTotalCount" : "";
        return new RequestPlan(queries + totals,
            $"Reading {request.Window} needs at least {queries + totals} details queries (one per interval of at most {length}{each})");
    }

    /// <summary>The approximate number of conversations in the window (-IncludeTotalCount): one small request per slice.</summary>
    public static Task<long> EstimateTotalAsync(GenesysApi api, HistoryRequest request, CancellationToken cancellationToken) =>
        new ConversationDetailsReader(api.Analytics, request).EstimateTotalAsync(cancellationToken);

    private static IEnumerable<object> Shape(
        ConversationRecordBuilder builder, HistoryExpansion expand, AnalyticsConversation conversation) => expand switch
        {
            HistoryExpansion.Participant => builder.Participants(conversation),
            HistoryExpansion.Session => builder.Sessions(conversation),
            HistoryExpansion.Segment => builder.Segments(conversation),
            _ => new object[] { builder.Conversation(conversation) },
        };
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Analytics.Details;

public enum DetailsUnitKind
{
    /// <summary>A details job over a part of the window the datalake holds.</summary>
    Job,
    /// <summary>The details query for the conversations of the jobs part the datalake may not hold: those that ended after
    /// its availability date, and, with -IncludeActive, those still open.</summary>
    LateConversations,
    /// <summary>The details query over a slice.</summary>
    Query,
}

/// <summary>One piece of a details read: what to ask and over which part of the window.</summary>
public sealed class DetailsUnit
{
    public DetailsUnit(DetailsUnitKind kind, TimeWindow window)
    {
        Kind = kind;
        Window = window;
    }

    public DetailsUnitKind Kind { get; }
    public TimeWindow Window { get; }

    public override string ToString() => $"{Kind} {Window}";
}

/// <summary>The units a read goes through, in order: fixed before the first request (from the window, the datalake's
/// seam and the slice lengths), so a resumed read goes through the same units and a checkpoint can name them by index.</summary>
public sealed class DetailsPlan
{
    public DetailsPlan(IReadOnlyList<DetailsUnit> units, DateTimeOffset? seam)
    {
        Units = units;
        Seam = seam;
    }

    public IReadOnlyList<DetailsUnit> Units { get; }
    /// <summary>Where the jobs part ends and the details query begins, when the plan reads through jobs.</summary>
    public DateTimeOffset? Seam { get; }

    /// <summary>Where the jobs part ends: a day of margin before the datalake's availability date, at a UTC midnight.</summary>
    public static DateTimeOffset SeamOf(DateTimeOffset availability) =>
        new DateTimeOffset(availability.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);

    /// <summary>The plan of a request: the jobs part (before the seam) as one job or one job per JobSpan, then the
    /// conversations of the jobs part that are late for the datalake, through the query, then the rest through the query
    /// in slices the API accepts (or SliceLength, when shorter).</summary>
    public static DetailsPlan Make(DetailsRequest request, DateTimeOffset? availability)
    {
        var seam = availability is { } a ? SeamOf(a) : (DateTimeOffset?)null;
        var window = request.Window;
        var units = new List<DetailsUnit>();
        var queryPart = (TimeWindow?)window;
        if (seam is { } s && s > window.Start)
        {
            var jobsPart = new TimeWindow(window.Start, s < window.End ? s : window.End);
            units.AddRange(Pieces(jobsPart, request.JobSpan).Select(w => new DetailsUnit(DetailsUnitKind.Job, w)));
            // The late-conversations query always carries a filter: it may span what a filtered query accepts.
            units.AddRange(jobsPart.Split(Shorter(ConversationDetailsReader.FilteredMaximum, request.SliceLength))
                .Select(w => new DetailsUnit(DetailsUnitKind.LateConversations, w)));
            queryPart = s < window.End ? new TimeWindow(s, window.End) : (TimeWindow?)null;
        }
        if (queryPart is { } rest) units.AddRange(rest.Split(QuerySlice(request)).Select(w => new DetailsUnit(DetailsUnitKind.Query, w)));
        return new DetailsPlan(units, seam);
    }

    /// <summary>The longest slice of one details query: what the API accepts (7 days without filters, 31 with), or the
    /// request's SliceLength when shorter.</summary>
    public static TimeSpan QuerySlice(DetailsRequest request) =>
        Shorter(ConversationDetailsReader.MaximumSlice(request.Query), request.SliceLength);

    private static TimeSpan Shorter(TimeSpan maximum, TimeSpan? length) => length is { } l && l < maximum ? l : maximum;

    private static IEnumerable<TimeWindow> Pieces(TimeWindow window, TimeSpan? span) =>
        span is { } s ? window.Split(s) : new[] { window };
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Directory;

namespace GenesysConvo.Core.Analytics;

/// <summary>What an admin asks for in parameters, turned into details-query filters at the level the API defines
/// them: conversation-level (id, division, originating direction, end, duration) or segment-level (queue, user,
/// media, wrap-up code, ANI, DNIS). Values of one parameter are ORed; different parameters are ANDed.</summary>
public sealed class HistoryCriteria
{
    public static readonly string[] KnownMediaTypes = { "callback", "chat", "cobrowse", "email", "internalmessage", "message", "screenmonitoring", "screenshare", "unknown", "video", "voice" };

    public IList<string> Queues { get; set; } = new List<string>();
    public IList<string> Users { get; set; } = new List<string>();
    public IList<string> WrapUpCodes { get; set; } = new List<string>();
    public IList<string> MediaTypes { get; set; } = new List<string>();
    public IList<string> Directions { get; set; } = new List<string>();
    public IList<string> DivisionIds { get; set; } = new List<string>();
    public IList<string> Anis { get; set; } = new List<string>();
    public IList<string> Dnises { get; set; } = new List<string>();
    public IList<string> ConversationIds { get; set; } = new List<string>();
    public TimeSpan? MinimumDuration { get; set; }
    public bool IncludeActive { get; set; }
    /// <summary>Extra filters in the API's structure, as JSON keyed by filter kind (-Filter).</summary>
    public string? FilterJson { get; set; }
    /// <summary>A whole ConversationQuery body (-Query).</summary>
    public string? QueryJson { get; set; }

    /// <summary>Checks everything that can be checked without the API (throws ArgumentException naming the fix), and
    /// returns the query; names still need <see cref="ResolveNamesAsync"/>.</summary>
    public ConversationQuery Validate()
    {
        var query = QueryJson is null ? ConversationQuery.Empty() : ConversationQuery.FromJson(QueryJson);
        if (FilterJson != null) query.AddFilters(FilterJson);
        foreach (var id in DivisionIds.Concat(ConversationIds))
            if (!NameResolver.IsGuid(id)) throw new ArgumentException($"'{id}' is not an id (a GUID such as 6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60).");
        foreach (var direction in Directions)
            if (!string.Equals(direction, "inbound", StringComparison.OrdinalIgnoreCase) && !string.Equals(direction, "outbound", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"Direction '{direction}' is not inbound or outbound.");
        if (MinimumDuration is { } minimum && minimum < TimeSpan.Zero) throw new ArgumentException("-MinimumDuration cannot be negative.");
        return query;
    }

    /// <summary>Adds the parameter filters, after resolving queue, user and wrap-up code names to ids.</summary>
    public async Task<ConversationQuery> BuildAsync(NameResolver names, CancellationToken cancellationToken)
    {
        var query = Validate();
        query.AddFilter("conversationFilters", "or", ConversationIds.Select(id => ConversationQuery.Dimension("conversationId", id)));
        query.AddFilter("conversationFilters", "or", DivisionIds.Select(id => ConversationQuery.Dimension("divisionId", id)));
        query.AddFilter("conversationFilters", "or", Directions.Select(d => ConversationQuery.Dimension("originatingDirection", d.ToLowerInvariant())));
        if (MinimumDuration is { } minimum)
            query.AddFilter("conversationFilters", "and", new[] { ConversationQuery.MetricAtLeast("tConversationDuration", (long)minimum.TotalMilliseconds) });
        if (!IncludeActive)
            query.AddFilter("conversationFilters", "and", new[] { ConversationQuery.DimensionExists("conversationEnd", true) });

        await AddResolvedAsync(query, names, DirectoryKind.Queue, Queues, "queueId", cancellationToken).ConfigureAwait(false);
        await AddResolvedAsync(query, names, DirectoryKind.User, Users, "userId", cancellationToken).ConfigureAwait(false);
        await AddResolvedAsync(query, names, DirectoryKind.WrapUpCode, WrapUpCodes, "wrapUpCode", cancellationToken).ConfigureAwait(false);
        query.AddFilter("segmentFilters", "or", MediaTypes.Select(m => ConversationQuery.Dimension("mediaType", m.ToLowerInvariant())));
        query.AddFilter("segmentFilters", "or", Anis.Select(a => ConversationQuery.Dimension("ani", a)));
        query.AddFilter("segmentFilters", "or", Dnises.Select(d => ConversationQuery.Dimension("dnis", d)));
        return query;
    }

    private static async Task AddResolvedAsync(ConversationQuery query, NameResolver names, DirectoryKind kind, IList<string> values, string dimension, CancellationToken cancellationToken)
    {
        var predicates = new List<JsonObject>();
        foreach (var value in values)
            predicates.Add(ConversationQuery.Dimension(dimension, await names.IdForAsync(kind, value, cancellationToken).ConfigureAwait(false)));
        query.AddFilter("segmentFilters", "or", predicates);
    }

    /// <summary>The window from -StartTime/-EndTime or -Interval; by default the last 24 hours.</summary>
    public static TimeWindow WindowFrom(DateTimeOffset? start, DateTimeOffset? end, string? interval, DateTimeOffset now)
    {
        if (interval != null)
        {
            if (start != null || end != null) throw new ArgumentException("Give either -Interval or -StartTime/-EndTime, not both.");
            return TimeWindow.Parse(interval);
        }
        var to = end ?? now;
        var from = start ?? to.AddDays(-1);
        if (to <= from)
            throw new ArgumentException($"-EndTime ({to.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}) is not after -StartTime ({from.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}): swap them.");
        return new TimeWindow(from, to);
    }
}

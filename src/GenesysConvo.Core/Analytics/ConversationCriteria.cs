using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Analytics;

/// <summary>What an admin asks for in parameters (queues, users, wrap-up codes by name or id; media, directions,
/// divisions, ANI, DNIS, conversation ids, a minimum duration), shared by history, the live list and metrics.
/// Values of one parameter are ORed; different parameters are ANDed.</summary>
public class ConversationCriteria
{
    /// <summary>The media types of the analytics API (docs/genesys-api.md §2.6): -MediaType takes only these, in any case.</summary>
    public static readonly string[] KnownMediaTypes =
    {
        "callback", "chat", "cobrowse", "email", "internalmessage", "message", "screenmonitoring", "screenshare", "unknown", "video",
        "voice",
    };

    /// <summary>The directions -Direction takes, in any case.</summary>
    public static readonly string[] KnownDirections = { "inbound", "outbound" };

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

    /// <summary>Checks every value that can be checked without the API (throws ArgumentException naming the fix).</summary>
    public void CheckValues()
    {
        foreach (var id in DivisionIds.Concat(ConversationIds))
            if (!NameResolver.IsGuid(id))
                throw new ArgumentException($"'{id}' is not an id (a GUID such as 6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60).");
        foreach (var mediaType in MediaTypes)
            if (!KnownMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"-MediaType '{mediaType}' is not a media type of the analytics API. " +
                                            $"Use one of: {string.Join(", ", KnownMediaTypes)}.");
        foreach (var direction in Directions)
            if (!KnownDirections.Contains(direction, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"Direction '{direction}' is not inbound or outbound.");
        if (MinimumDuration is { } minimum && minimum < TimeSpan.Zero) throw new ArgumentException("-MinimumDuration cannot be negative.");
    }

    /// <summary>The criteria with queue, user and wrap-up code names left as given: the filters of
    /// <see cref="ResolveAsync"/> but for those values, without a request.</summary>
    public ResolvedCriteria Unresolved() => new ResolvedCriteria(this, Queues.ToList(), Users.ToList(), WrapUpCodes.ToList());

    /// <summary>Queue, user and wrap-up code names resolved to ids (in that order, so the first unknown name is the one
    /// reported).</summary>
    public async Task<ResolvedCriteria> ResolveAsync(NameResolver names, CancellationToken cancellationToken) => new ResolvedCriteria(this,
        await names.IdsForAsync(NameKind.Queue, Queues, cancellationToken).ConfigureAwait(false),
        await names.IdsForAsync(NameKind.User, Users, cancellationToken).ConfigureAwait(false),
        await names.IdsForAsync(NameKind.WrapUpCode, WrapUpCodes, cancellationToken).ConfigureAwait(false));
}

/// <summary>The criteria with names resolved, as the filters each analytics query takes: the one place that knows
/// which dimension each parameter filters on.</summary>
public sealed class ResolvedCriteria
{
    private readonly ConversationCriteria _criteria;
    private readonly IReadOnlyList<string> _queueIds, _userIds, _wrapUpCodeIds;

    internal ResolvedCriteria(
        ConversationCriteria criteria,
        IReadOnlyList<string> queueIds,
        IReadOnlyList<string> userIds,
        IReadOnlyList<string> wrapUpCodeIds)
    {
        _criteria = criteria;
        _queueIds = queueIds;
        _userIds = userIds;
        _wrapUpCodeIds = wrapUpCodeIds;
    }

    private IEnumerable<string> MediaTypes => _criteria.MediaTypes.Select(m => m.ToLowerInvariant());
    private IEnumerable<string> Directions => _criteria.Directions.Select(d => d.ToLowerInvariant());

    /// <summary>Details query, conversation level: ids, divisions, originating direction, minimum duration.</summary>
    public IEnumerable<QueryFilter?> ConversationFilters() => new[]
    {
        QueryFilters.AnyOf("conversationId", _criteria.ConversationIds),
        QueryFilters.AnyOf("divisionId", _criteria.DivisionIds),
        QueryFilters.AnyOf("originatingDirection", Directions),
        _criteria.MinimumDuration is { } minimum
            ? QueryFilters.AllOf(QueryFilters.MetricAtLeast("tConversationDuration", (long)minimum.TotalMilliseconds))
            : null,
    };

    /// <summary>Details query, segment level: a segment anywhere in the conversation matches (where it has been).</summary>
    public IEnumerable<QueryFilter?> SegmentFilters() => new[]
    {
        QueryFilters.AnyOf("queueId", _queueIds),
        QueryFilters.AnyOf("userId", _userIds),
        QueryFilters.AnyOf("wrapUpCode", _wrapUpCodeIds),
        QueryFilters.AnyOf("mediaType", MediaTypes),
        QueryFilters.AnyOf("ani", _criteria.Anis),
        QueryFilters.AnyOf("dnis", _criteria.Dnises),
    };

    /// <summary>The live list: divisions and originating direction, at conversation level.</summary>
    public IEnumerable<QueryFilter?> LiveConversationFilters() => new[]
    {
        QueryFilters.AnyOf("divisionId", _criteria.DivisionIds),
        QueryFilters.AnyOf("originatingDirection", Directions),
    };

    /// <summary>The live list: queues and users by the segment open now (where it is), media anywhere.</summary>
    public IEnumerable<QueryFilter?> LiveSegmentFilters() => new[]
    {
        QueryFilters.OpenSegmentIn("queueId", _queueIds),
        QueryFilters.OpenSegmentIn("userId", _userIds),
        QueryFilters.AnyOf("mediaType", MediaTypes),
    };

    /// <summary>The aggregates query: one clause per parameter given.</summary>
    public List<QueryClause> AggregateClauses() => new[]
    {
        QueryFilters.AnyOfClause("queueId", _queueIds),
        QueryFilters.AnyOfClause("userId", _userIds),
        QueryFilters.AnyOfClause("mediaType", MediaTypes),
        QueryFilters.AnyOfClause("direction", Directions),
    }.Where(c => c != null).Select(c => c!).ToList();
}

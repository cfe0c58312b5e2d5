using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Lookup;

/// <summary>What one batch of a lookup cost and found.</summary>
public sealed class LookupBatch
{
    /// <summary>Requests to the analytics API: one multi-get, or after a 404 one per id of the batch.</summary>
    public int AnalyticsRequests { get; internal set; }
    /// <summary>Requests to the live conversations API: one per id analytics lacked or showed open.</summary>
    public int LiveRequests { get; internal set; }
    public int FromAnalytics { get; internal set; }
    public int FromLive { get; internal set; }
    public int FromBoth { get; internal set; }
    /// <summary>The live API refused this client (a missing permission): the next batches need not ask it.</summary>
    public bool LiveRefused { get; internal set; }
    /// <summary>Ids neither API has, in input order.</summary>
    public List<string> Missing { get; } = new List<string>();
}

/// <summary>Get-GenesysConversation: conversations by id, whatever their age (docs/genesys-api.md §5.4). Analytics
/// first, up to 100 ids per GET …/analytics/conversations/details?id=; then GET /api/v2/conversations/{id} only for the
/// ids analytics lacks (too recent for its near-real-time store) or still shows open; the live API's newer end and
/// state win over an analytics record that has not caught up.</summary>
public static class ConversationLookup
{
    /// <summary>Ids per analytics request (docs/genesys-api.md §5.4: the real maximum is unconfirmed).</summary>
    public const int BatchSize = AnalyticsApi.MaxIdsPerDetailsGet;

    private const string Example = "6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60";

    /// <summary>The id as the API writes it (a lowercase GUID); an ArgumentException naming the value and the fix otherwise.</summary>
    public static string ReadId(string? value)
    {
        if (Guid.TryParse((value ?? "").Trim(), out var id)) return id.ToString("D");
        throw new ArgumentException(
            $"'{value}' is not a conversation id. -ConversationId takes the id Genesys Cloud gives a conversation, a GUID such as "
            + $"{Example} (the ConversationId column of an export or a search), not a ticket number, an ANI or a name.");
    }

    /// <summary>The ids in batches of <see cref="BatchSize"/>, in input order.</summary>
    public static IEnumerable<IReadOnlyList<string>> Batches(IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i += BatchSize) yield return ids.Skip(i).Take(BatchSize).ToList();
    }

    /// <summary>The error for an id neither API has: where it was looked for, and why it may be missing.</summary>
    public static GenesysApiException NotFound(string conversationId) => new GenesysApiException(GenesysErrorKind.NotFound,
        $"Conversation {conversationId} was found neither in the analytics API (GET {AnalyticsApi.ConversationsDetailsPath}) nor in "
        + $"the live conversations API (GET {ConversationsApi.ConversationsPath}/{{id}}). It may be older than the org's analytics "
        + "retention, belong to another org or region, or not be visible to this client: its role needs "
        + "analytics:conversationDetail:view and conversation:communication:view, in the conversation's division.")
    {
        ErrorId = "GenesysConvo.ConversationNotFound",
        StatusCode = 404,
    };

    /// <summary>Looks up one batch (at most <see cref="BatchSize"/> ids) and writes one record per id found, or its rows
    /// (-Expand), in input order. Without <paramref name="askLive"/> (an earlier batch found the live API refused), the
    /// records come from analytics alone.</summary>
    public static async Task<LookupBatch> LookupBatchAsync(GenesysApi api, NameResolver names, IReadOnlyList<string> ids,
        HistoryExpansion expand, bool askLive, Action<object> write, CancellationToken cancellationToken)
    {
        if (ids.Count > BatchSize) throw new ArgumentException($"At most {BatchSize} ids per batch.", nameof(ids));
        var batch = new LookupBatch();
        var time = api.Connection.Options.Time;
        var analytics = await ReadAnalyticsAsync(api.Analytics, ids, batch, cancellationToken).ConfigureAwait(false);
        var analyticsAsOf = time.GetUtcNow();
        var stale = askLive
            ? ids.Where(id => !analytics.TryGetValue(id, out var found) || found.ConversationEnd is null).ToList()
            : new List<string>();
        var live = await ReadLiveAsync(api, stale, batch, cancellationToken).ConfigureAwait(false);

        await ResolveNamesAsync(names, analytics.Values, live.Values.Select(x => x.Conversation), cancellationToken).ConfigureAwait(false);
        var records = new LookupRecords(names.NameOf, time.GetUtcNow());
        foreach (var id in ids)
        {
            analytics.TryGetValue(id, out var detail);
            var hasLive = live.TryGetValue(id, out var now);
            if (detail is null && !hasLive)
            {
                batch.Missing.Add(id);
                continue;
            }
            var source = detail is null ? ConversationSource.Live : hasLive ? ConversationSource.Both : ConversationSource.Analytics;
            if (source == ConversationSource.Analytics) batch.FromAnalytics++;
            else if (source == ConversationSource.Live) batch.FromLive++;
            else batch.FromBoth++;
            if (source == ConversationSource.Live && expand == HistoryExpansion.Segment)
                OperationContext.Observer.Warning($"Conversation {id} has no segment rows yet: only the live API has it, and it "
                    + "has no segments. Analytics records a conversation within minutes; ask again then.");
            foreach (var row in records.Shape(detail, hasLive ? now.Conversation : null, hasLive ? now.AsOf : analyticsAsOf, expand))
                write(row);
        }
        return batch;
    }

    /// <summary>The analytics records of the ids, by id: one multi-get; if it answers 404 (how the real API treats an
    /// unknown id in a multi-get is unconfirmed, docs/genesys-api.md §5.4), each id alone.</summary>
    private static async Task<Dictionary<string, AnalyticsConversation>> ReadAnalyticsAsync(AnalyticsApi analytics,
        IReadOnlyList<string> ids, LookupBatch batch, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, AnalyticsConversation>(StringComparer.OrdinalIgnoreCase);
        var wanted = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        try
        {
            batch.AnalyticsRequests++;
            var response = await analytics.GetConversationsDetailsAsync(ids.ToList(), cancellationToken).ConfigureAwait(false);
            // Only the ids asked for: a record of another id would be written without having been asked for.
            foreach (var c in response.Conversations ?? new List<AnalyticsConversation>())
                if (wanted.Contains(c.ConversationId)) found[c.ConversationId] = c;
            return found;
        }
        catch (GenesysApiException e) when (e.Kind == GenesysErrorKind.NotFound)
        {
            OperationContext.Observer.Verbose(
                $"The analytics API answered 404 for {ids.Count} ids at once; asking for each of them alone.");
        }
        foreach (var id in ids)
        {
            try
            {
                batch.AnalyticsRequests++;
                found[id] = await analytics.GetConversationDetailsAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (GenesysApiException e) when (e.Kind == GenesysErrorKind.NotFound)
            {
                // Not in analytics (yet): the live API is asked next.
            }
        }
        return found;
    }

    /// <summary>The live API's conversation of each id it has, with when it answered. A 404 means it has none; a
    /// missing permission is said once, and the records then come from analytics alone.</summary>
    private static async Task<Dictionary<string, (Conversation Conversation, DateTimeOffset AsOf)>> ReadLiveAsync(
        GenesysApi api, IReadOnlyList<string> ids, LookupBatch batch, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (Conversation, DateTimeOffset)>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids)
        {
            try
            {
                batch.LiveRequests++;
                var conversation = await api.Conversations.GetConversationAsync(id, cancellationToken).ConfigureAwait(false);
                found[id] = (conversation, api.Connection.Options.Time.GetUtcNow());
            }
            catch (GenesysApiException e) when (e.Kind == GenesysErrorKind.NotFound)
            {
                // Not live, and ended too long ago for the live API.
            }
            catch (GenesysApiException e) when (e.Kind == GenesysErrorKind.PermissionDenied)
            {
                batch.LiveRefused = true;
                OperationContext.Observer.Warning("The live conversations API refused this client, so conversations analytics does "
                    + $"not have yet, or shows open, cannot be completed from it: {e.Message}");
                return found;
            }
        }
        return found;
    }

    /// <summary>One bulk look-up per kind for the users, queues and wrap-up codes of both sources.</summary>
    private static async Task ResolveNamesAsync(NameResolver names, IEnumerable<AnalyticsConversation> details,
        IEnumerable<Conversation> live, CancellationToken cancellationToken)
    {
        var ids = DetailsRecordWriter.IdsIn(details).ToDictionary(x => x.Kind, x => x.Ids);
        foreach (var participant in live.SelectMany(c => c.Participants ?? new List<Participant>()))
        {
            if (participant.UserId != null) ids[NameKind.User].Add(participant.UserId);
            if (participant.QueueId != null) ids[NameKind.Queue].Add(participant.QueueId);
            if (participant.Wrapup?.Code != null) ids[NameKind.WrapUpCode].Add(participant.Wrapup.Code);
        }
        await names.ResolveAllAsync(ids.Select(kind => (kind.Key, kind.Value)), cancellationToken).ConfigureAwait(false);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Directory;
using GenesysConvo.Core.Json;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Conversations;

/// <summary>What is happening now. A client-credentials token has no user, so GET /api/v2/conversations (the
/// caller's own conversations) cannot list the org: the org-wide list comes from the analytics details query with
/// conversationEnd notExists, over an interval reaching back far enough to include the UTC day a long-running
/// conversation started; one conversation's live state comes from GET /api/v2/conversations/{id}.</summary>
public static class LiveConversations
{
    /// <summary>How far back the org-wide list looks for conversations still open: the longest interval one details
    /// query accepts with a filter (31 days), from the start of a UTC day.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    public static TimeWindow ListWindow(DateTimeOffset now) =>
        new TimeWindow(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) - LookBack, now.AddMinutes(1));

    /// <summary>Adds the filters that make a details query list live conversations: conversationEnd notExists, and
    /// for queues and users, a segment that is still open in that queue / with that user (where it is now, not
    /// where it has been).</summary>
    public static async Task<ConversationQuery> BuildQueryAsync(HistoryCriteria criteria, NameResolver names, CancellationToken cancellationToken)
    {
        var query = ConversationQuery.Empty();
        query.AddFilter("conversationFilters", "and", new[] { ConversationQuery.DimensionExists("conversationEnd", false) });
        query.AddFilter("conversationFilters", "or", criteria.DivisionIds.Select(id => ConversationQuery.Dimension("divisionId", id)));
        query.AddFilter("conversationFilters", "or", criteria.Directions.Select(d => ConversationQuery.Dimension("originatingDirection", d.ToLowerInvariant())));
        await AddOpenSegmentFilterAsync(query, names, DirectoryKind.Queue, criteria.Queues, "queueId", cancellationToken).ConfigureAwait(false);
        await AddOpenSegmentFilterAsync(query, names, DirectoryKind.User, criteria.Users, "userId", cancellationToken).ConfigureAwait(false);
        query.AddFilter("segmentFilters", "or", criteria.MediaTypes.Select(m => ConversationQuery.Dimension("mediaType", m.ToLowerInvariant())));
        return query;
    }

    private static async Task AddOpenSegmentFilterAsync(ConversationQuery query, NameResolver names, DirectoryKind kind, IList<string> values, string dimension, CancellationToken cancellationToken)
    {
        if (values.Count == 0) return;
        var ids = new List<string>();
        foreach (var value in values) ids.Add(await names.IdForAsync(kind, value, cancellationToken).ConfigureAwait(false));
        // One filter: the SAME segment must be open and belong to one of the ids.
        query.AddRawFilter("segmentFilters", new JsonObject
        {
            ["type"] = "and",
            ["clauses"] = new JsonArray(new JsonObject
            {
                ["type"] = "or",
                ["predicates"] = new JsonArray(ids.Select(id => (JsonNode)ConversationQuery.Dimension(dimension, id)).ToArray()),
            }),
            ["predicates"] = new JsonArray(ConversationQuery.DimensionExists("segmentEnd", false)),
        });
    }

    /// <summary>One conversation's live state (GET /api/v2/conversations/{id}), names resolved.</summary>
    public static async Task<ActiveConversation> GetAsync(GenesysConnection connection, string conversationId, CancellationToken cancellationToken)
    {
        if (!NameResolver.IsGuid(conversationId))
            throw new ArgumentException($"'{conversationId}' is not a conversation id (a GUID such as 6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60).");
        var response = await connection.SendAsync(HttpMethod.Get, "/api/v2/conversations/" + Uri.EscapeDataString(conversationId), null, cancellationToken).ConfigureAwait(false);
        var conversation = JsonSerializer.Deserialize<LiveConversationDto>(response.Body, JsonDefaults.Options) ?? new LiveConversationDto();
        return (await MapAsync(connection, new[] { conversation }, cancellationToken).ConfigureAwait(false)).Single();
    }

    /// <summary>The calling user's own conversations (GET /api/v2/conversations) — only a user's token has any.</summary>
    public static async Task<IReadOnlyList<ActiveConversation>> GetMineAsync(GenesysConnection connection, CancellationToken cancellationToken)
    {
        const string fix = "-Mine lists the conversations of the user the token belongs to; a client-credentials token has no user. " +
                           "Connect with -AccessToken of a user (authorization code or implicit grant), or list the org's live conversations without -Mine.";
        if (connection.Tokens.Kind == GenesysAuthenticationKind.ClientCredentials)
            throw new GenesysApiException(GenesysErrorKind.InvalidRequest, fix) { ErrorId = "GenesysConvo.UserContextRequired" };
        try
        {
            // A supplied token may still be a client-credentials one: the API says so for /users/me.
            using var _ = await connection.GetJsonAsync("/api/v2/users/me", cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysApiException e) when (e.StatusCode == 400)
        {
            throw new GenesysApiException(GenesysErrorKind.InvalidRequest, fix + " (The API answered: " + e.Message + ")") { ErrorId = "GenesysConvo.UserContextRequired" };
        }
        var response = await connection.SendAsync(HttpMethod.Get, "/api/v2/conversations", null, cancellationToken).ConfigureAwait(false);
        var listing = JsonSerializer.Deserialize<ListingDto>(response.Body, JsonDefaults.Options) ?? new ListingDto();
        return await MapAsync(connection, listing.Entities ?? new List<LiveConversationDto>(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActiveConversation>> MapAsync(GenesysConnection connection, IReadOnlyCollection<LiveConversationDto> conversations, CancellationToken cancellationToken)
    {
        var names = connection.Names;
        var participants = conversations.SelectMany(c => c.Participants ?? new List<ParticipantDto>()).ToList();
        await names.ResolveAsync(DirectoryKind.User, participants.Select(p => p.UserId), cancellationToken).ConfigureAwait(false);
        await names.ResolveAsync(DirectoryKind.Queue, participants.Select(p => p.QueueId), cancellationToken).ConfigureAwait(false);
        await names.ResolveAsync(DirectoryKind.WrapUpCode, participants.Select(p => p.Wrapup?.Code), cancellationToken).ConfigureAwait(false);
        var now = connection.Options.Time.GetUtcNow();
        return conversations.Select(c => LiveStateMapper.Map(c, names.NameOf, now)).ToList();
    }

    private sealed class ListingDto
    {
        public List<LiveConversationDto>? Entities { get; set; }
    }
}

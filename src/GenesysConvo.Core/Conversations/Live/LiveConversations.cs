using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Live;

/// <summary>The live list's parameters: which conversations, and how many (-Skip/-First).</summary>
public sealed class LiveListRequest
{
    public ConversationCriteria Criteria { get; set; } = new ConversationCriteria();
    public long Skip { get; set; }
    public long? Limit { get; set; }
}

/// <summary>What is happening now. A client-credentials token has no user, so GET /api/v2/conversations (the caller's
/// own conversations) cannot list the org: the org-wide list comes from the details engine with conversationEnd
/// notExists, over an interval reaching back far enough to include the UTC day a long-running conversation started;
/// one conversation's live state comes from the real-time API.</summary>
public static class LiveConversations
{
    internal const string Activity = "Get-GenesysActiveConversation";

    /// <summary>How far back the org-wide list looks for conversations still open: the longest interval one details
    /// query accepts with a filter (31 days), from the start of a UTC day.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    public static TimeWindow ListWindow(DateTimeOffset now) =>
        new TimeWindow(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) - LookBack, now.AddMinutes(1));

    /// <summary>Writes every live conversation (that matches) through <paramref name="write"/>, a page's records at once;
    /// returns how many.</summary>
    public static async Task<long> ListAsync(GenesysApi api, NameResolver names, LiveListRequest request,
        Action<IReadOnlyList<object>> write, CancellationToken cancellationToken)
    {
        var details = await DetailsAsync(api, names, request.Criteria, cancellationToken).ConfigureAwait(false);
        var builder = new ActiveConversationBuilder(names.NameOf, api.Connection.Options.Time.GetUtcNow());
        var writer = new DetailsRecordWriter(names, c => new object[] { builder.FromDetails(c) }, write)
        {
            Skip = request.Skip, Limit = request.Limit, Activity = Activity,
        };
        var pages = new ConversationDetailsReader(api.Analytics, details).ReadAsync(cancellationToken);
        return await writer.WriteAsync(pages, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>About how many conversations are live (-IncludeTotalCount).</summary>
    public static async Task<long> EstimateTotalAsync(GenesysApi api, NameResolver names, LiveListRequest request,
        CancellationToken cancellationToken)
    {
        var details = await DetailsAsync(api, names, request.Criteria, cancellationToken).ConfigureAwait(false);
        return await new ConversationDetailsReader(api.Analytics, details).EstimateTotalAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DetailsRequest> DetailsAsync(GenesysApi api, NameResolver names, ConversationCriteria criteria,
        CancellationToken cancellationToken) =>
        new DetailsRequest
        {
            Window = ListWindow(api.Connection.Options.Time.GetUtcNow()),
            Query = await BuildQueryAsync(criteria, names, cancellationToken).ConfigureAwait(false),
            IncludeActive = true, Source = DetailsSource.Query, Activity = Activity,
        };

    /// <summary>The details query that lists live conversations: conversationEnd notExists, and for queues and users
    /// the segment open now (where it is, not where it has been).</summary>
    public static async Task<DetailsQuery> BuildQueryAsync(ConversationCriteria criteria, NameResolver names,
        CancellationToken cancellationToken)
    {
        criteria.CheckValues();
        var resolved = await criteria.ResolveAsync(names, cancellationToken).ConfigureAwait(false);
        var query = DetailsQuery.Empty();
        query.Add(DetailsFilterKind.Conversation, QueryFilters.AllOf(QueryFilters.NotExists("conversationEnd")));
        query.Add(DetailsFilterKind.Conversation, resolved.LiveConversationFilters());
        query.Add(DetailsFilterKind.Segment, resolved.LiveSegmentFilters());
        return query;
    }

    /// <summary>One conversation's live state, names resolved.</summary>
    public static async Task<ActiveConversation> GetAsync(GenesysApi api, NameResolver names, string conversationId,
        CancellationToken cancellationToken)
    {
        if (!NameResolver.IsGuid(conversationId))
            throw new ArgumentException(
                $"'{conversationId}' is not a conversation id (a GUID such as 6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60).");
        var conversation = await api.Conversations.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return (await BuildAsync(api, names, new[] { conversation }, cancellationToken).ConfigureAwait(false)).Single();
    }

    /// <summary>The calling user's own conversations — only a user's token has any.</summary>
    public static async Task<IReadOnlyList<ActiveConversation>> GetMineAsync(GenesysApi api, NameResolver names,
        CancellationToken cancellationToken)
    {
        const string fix = "-Mine lists the conversations of the user the token belongs to; a client-credentials token has no user. " +
                           "Connect with -AccessToken of a user (authorization code or implicit grant), " +
                           "or list the org's live conversations without -Mine.";
        if (api.Connection.Tokens.Kind == GenesysAuthenticationKind.ClientCredentials)
            throw new GenesysApiException(GenesysErrorKind.InvalidRequest, fix) { ErrorId = "GenesysConvo.UserContextRequired" };
        try
        {
            // A supplied token may still be a client-credentials one: the API says so for /users/me.
            await api.Users.GetUsersMeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GenesysApiException e) when (e.StatusCode == 400)
        {
            throw new GenesysApiException(GenesysErrorKind.InvalidRequest, fix + " (The API answered: " + e.Message + ")")
            {
                ErrorId = "GenesysConvo.UserContextRequired",
            };
        }
        var listing = await api.Conversations.GetConversationsAsync(cancellationToken).ConfigureAwait(false);
        return await BuildAsync(api, names, listing.Entities ?? new List<Conversation>(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActiveConversation>> BuildAsync(
        GenesysApi api, NameResolver names, IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        var participants = conversations.SelectMany(c => c.Participants ?? new List<Participant>()).ToList();
        await ActiveConversationBuilder.NameAsync(names, participants, cancellationToken).ConfigureAwait(false);
        var builder = new ActiveConversationBuilder(names.NameOf, api.Connection.Options.Time.GetUtcNow());
        return conversations.Select(builder.FromLive).ToList();
    }
}

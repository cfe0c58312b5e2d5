using System;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>The real-time conversation endpoints.</summary>
public sealed class ConversationsApi
{
    public const string ConversationsPath = "/api/v2/conversations";

    private readonly GenesysConnection _connection;

    public ConversationsApi(GenesysConnection connection) => _connection = connection;

    /// <summary>One conversation as it is now (and for a while after it ended).</summary>
    public Task<Conversation> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(
            _connection, ConversationsPath + "/" + Uri.EscapeDataString(conversationId), ApiJson.Default.Conversation, cancellationToken);

    /// <summary>The conversations of the user the token belongs to (a client-credentials token gets an empty list).</summary>
    public Task<EntityListing<Conversation>> GetConversationsAsync(CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, ConversationsPath, ApiJson.Default.EntityListingConversation, cancellationToken);
}

using System.Collections.Generic;
using System.Text.Json.Serialization;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api.Models;

namespace GenesysConvo.Core.Api;

/// <summary>How every API body is read and written: camelCase, unknown fields ignored, nulls not sent. Source-generated,
/// so a record page is read without reflection (the first page of a fresh session does not pay for warming it up).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationQuery))]
[JsonSerializable(typeof(AsyncConversationQuery))]
[JsonSerializable(typeof(ConversationAggregationQuery))]
[JsonSerializable(typeof(AnalyticsConversationQueryResponse))]
[JsonSerializable(typeof(AsyncQueryResponse))]
[JsonSerializable(typeof(AsyncQueryStatus))]
[JsonSerializable(typeof(AnalyticsConversationAsyncQueryResponse))]
[JsonSerializable(typeof(DataAvailabilityResponse))]
[JsonSerializable(typeof(ConversationAggregateQueryResponse))]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(EntityListing<Conversation>))]
[JsonSerializable(typeof(EntityListing<NamedEntity>))]
[JsonSerializable(typeof(NamedEntity))]
[JsonSerializable(typeof(UserSearchRequest))]
[JsonSerializable(typeof(UsersSearchResponse))]
[JsonSerializable(typeof(TokenInfo))]
[JsonSerializable(typeof(AnalyticsConversation))]
[JsonSerializable(typeof(AnalyticsConversationMultiGetResponse))]
[JsonSerializable(typeof(QueryFilter))]
[JsonSerializable(typeof(List<QueryFilter>))]
[JsonSerializable(typeof(QueryPredicate))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(List<ChannelTopic>))]
[JsonSerializable(typeof(ChannelTopicEntityListing))]
[JsonSerializable(typeof(NotificationMessage))]
[JsonSerializable(typeof(ConversationDetailEvent))]
public sealed partial class ApiJson : JsonSerializerContext
{
}

using System.Collections.Generic;

namespace GenesysConvo.Core.Api.Models;

// Users, queues, wrap-up codes and the token's org: only what names need (id, name); the rest is ignored.

public sealed class NamedEntity
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

/// <summary>UserEntityListing, QueueEntityListing, WrapupCodeEntityListing, ConversationEntityListing …</summary>
public sealed class EntityListing<T>
{
    public List<T>? Entities { get; set; }
    public int? PageSize { get; set; }
    public int? PageNumber { get; set; }
    public long? Total { get; set; }
}

/// <summary>POST /api/v2/users/search.</summary>
public sealed class UserSearchRequest
{
    public List<UserSearchCriteria> Query { get; set; } = new List<UserSearchCriteria>();
    public int PageSize { get; set; } = 25;
    public int PageNumber { get; set; } = 1;
}

public sealed class UserSearchCriteria
{
    public List<string>? Fields { get; set; }
    public string? Value { get; set; }
    public List<string>? Values { get; set; }
    public string Type { get; set; } = "EXACT";
}

public sealed class UsersSearchResponse
{
    public long? Total { get; set; }
    public List<NamedEntity>? Results { get; set; }
}

/// <summary>GET /api/v2/tokens/me.</summary>
public sealed class TokenInfo
{
    public NamedEntity? Organization { get; set; }
    public NamedEntity? HomeOrganization { get; set; }
}

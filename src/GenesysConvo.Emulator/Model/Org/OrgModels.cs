namespace GenesysConvo.Emulator.Model.Org;

// Wire models of the org entities. Field names follow the SDK typings (index.d.ts of purecloud-platform-client-v2 262).

public sealed record DivisionRef(string Id, string Name, string SelfUri);

public sealed class AuthzDivision
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public bool HomeDivision { get; init; }
    public required string SelfUri { get; init; }

    public DivisionRef Ref() => new(Id, Name, SelfUri);
}

public sealed record UserChat(string JabberId);

public sealed record UserContact(string Address, string MediaType, string Type);

public sealed class User
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DivisionRef Division { get; init; }
    public required UserChat Chat { get; init; }
    public required string Department { get; init; }
    public required string Email { get; init; }
    public required UserContact[] PrimaryContactInfo { get; init; }
    public UserContact[] Addresses { get; init; } = [];
    /// <summary>active | inactive | deleted</summary>
    public required string State { get; init; }
    public required string Title { get; init; }
    public required string Username { get; init; }
    public int Version { get; init; } = 1;
    public bool AcdAutoAnswer { get; init; }
    public required string SelfUri { get; init; }
}

public sealed record AcwSettings(string WrapupPrompt, int TimeoutMs);

public sealed class Queue
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DivisionRef Division { get; init; }
    public required string Description { get; init; }
    public required DateTimeOffset DateCreated { get; init; }
    public required DateTimeOffset DateModified { get; init; }
    public required string ModifiedBy { get; init; }
    public required string CreatedBy { get; init; }
    public int MemberCount { get; init; }
    public int UserMemberCount { get; init; }
    public int JoinedMemberCount { get; init; }
    public required AcwSettings AcwSettings { get; init; }
    public string SkillEvaluationMethod { get; init; } = "ALL";
    public string ScoringMethod { get; init; } = "TimestampAndPriority";
    public bool AutoAnswerOnly { get; init; }
    public bool EnableTranscription { get; init; }
    public bool EnableManualAssignment { get; init; }
    public required string SelfUri { get; init; }
}

public sealed class WrapupCode
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DivisionRef Division { get; init; }
    public string? Description { get; init; }
    public required DateTimeOffset DateCreated { get; init; }
    public required DateTimeOffset DateModified { get; init; }
    public required string CreatedBy { get; init; }
    public required string ModifiedBy { get; init; }
    public required string SelfUri { get; init; }
}

public sealed class Organization
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string DefaultLanguage { get; init; } = "en-us";
    public string DefaultCountryCode { get; init; } = "US";
    public required string ThirdPartyOrgName { get; init; }
    public required string Domain { get; init; }
    public int Version { get; init; } = 1;
    public string State { get; init; } = "active";
    public bool VoicemailEnabled { get; init; } = true;
    public string ProductPlatform { get; init; } = "GenesysCloud";
    public required string SelfUri { get; init; }
}

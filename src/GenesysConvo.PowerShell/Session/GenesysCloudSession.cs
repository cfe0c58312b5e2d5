using System;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Names;
using GenesysConvo.Core.Session;

namespace GenesysConvo;

/// <summary>A connection to one Genesys Cloud org, as Connect-GenesysCloud -PassThru returns it and every
/// data cmdlet takes it (-Session). Shows where and who, never the token or secret. Safe to share across
/// runspaces (ForEach-Object -Parallel -Session $using:session).</summary>
public sealed class GenesysCloudSession
{
    internal GenesysCloudSession(GenesysApi api)
    {
        Api = api;
        Names = new NameResolver(api);
        Id = Guid.NewGuid();
    }

    internal GenesysApi Api { get; }
    /// <summary>Id ↔ name look-ups of users, queues and wrap-up codes, cached for the life of the session.</summary>
    internal NameResolver Names { get; }
    internal GenesysConnection Connection => Api.Connection;

    public Guid Id { get; }
    public string Region => Snapshot.Region;
    public string Environment => Snapshot.Environment;
    public Uri ApiBaseUri => Snapshot.ApiBaseUri;
    public string? OrganizationName => Snapshot.OrganizationName;
    public string? ClientId => Snapshot.ClientId;
    public GenesysAuthenticationKind AuthenticationKind => Snapshot.AuthenticationKind;
    public DateTimeOffset? TokenExpiresAt => Snapshot.TokenExpiresAt;
    public DateTimeOffset ConnectedAt => Snapshot.ConnectedAt;
    public bool IsConnected { get; internal set; } = true;

    private GenesysCloudContext Snapshot => Connection.Describe(IsCurrent);
    internal bool IsCurrent => ReferenceEquals(Current, this);

    /// <summary>The session data cmdlets use without -Session: one per process, so runspaces and
    /// ForEach-Object -Parallel blocks share the token of the last Connect-GenesysCloud.</summary>
    internal static GenesysCloudSession? Current { get; set; }

    public GenesysCloudContext GetContext() => Snapshot;

    public override string ToString() =>
        $"{OrganizationName ?? Environment} ({AuthenticationKind}{(ClientId is null ? "" : " " + ClientId)})";
}

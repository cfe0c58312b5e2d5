using System;
using GenesysConvo.Core.Session;

namespace GenesysConvo;

/// <summary>A connection to one Genesys Cloud org, as Connect-GenesysCloud -PassThru returns it and every
/// data cmdlet takes it (-Session). Shows where and who, never the token or secret. Safe to share across
/// runspaces (ForEach-Object -Parallel -Session $using:session).</summary>
public sealed class GenesysCloudSession
{
    internal GenesysCloudSession(GenesysConnection connection)
    {
        Connection = connection;
        Id = Guid.NewGuid();
    }

    internal GenesysConnection Connection { get; }

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

    public override string ToString() => $"{OrganizationName ?? Environment} ({AuthenticationKind}{(ClientId is null ? "" : " " + ClientId)})";
}

using System;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>The API of one session, by area, over one connection. The engine above it calls these typed operations;
/// no other code knows a path of the API.</summary>
public sealed class GenesysApi : IDisposable
{
    public GenesysApi(GenesysConnection connection)
    {
        Connection = connection;
        Analytics = new AnalyticsApi(connection);
        Conversations = new ConversationsApi(connection);
        Users = new UsersApi(connection);
        Routing = new RoutingApi(connection);
        Tokens = new TokensApi(connection);
        Notifications = new NotificationsApi(connection);
    }

    public GenesysConnection Connection { get; }
    public AnalyticsApi Analytics { get; }
    public ConversationsApi Conversations { get; }
    public UsersApi Users { get; }
    public RoutingApi Routing { get; }
    public TokensApi Tokens { get; }
    public NotificationsApi Notifications { get; }

    /// <summary>Opens a connection (a login that fails, fails here) and reads which org the token belongs to.</summary>
    public static async Task<GenesysApi> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        var api = new GenesysApi(await GenesysConnection.OpenAsync(options, cancellationToken).ConfigureAwait(false));
        try
        {
            await api.ReadOrganizationAsync(cancellationToken).ConfigureAwait(false);
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    private async Task ReadOrganizationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await Tokens.GetTokensMeAsync(cancellationToken).ConfigureAwait(false);
            Connection.OrganizationId = info.Organization?.Id;
            Connection.OrganizationName = info.Organization?.Name;
            if (Connection.Tokens.Kind == GenesysAuthenticationKind.Interactive)
            {
                // A user's sign-in: say who (Get-GenesysCloudContext); /tokens/me does not name the user.
                var me = await Users.GetUsersMeAsync(cancellationToken).ConfigureAwait(false);
                Connection.UserId = me.Id;
                Connection.UserName = me.Name;
            }
        }
        catch (GenesysApiException e) when (e.Kind != GenesysErrorKind.Authentication && e.Kind != GenesysErrorKind.Connection)
        {
            // The org name is a nicety; a proxy or gateway that lacks /tokens/me must not block the session.
            OperationContext.Observer.Warning(
                "Connected, but could not read the organization from " + TokensApi.TokensMePath + ": " + e.Message);
        }
    }

    public void Dispose() => Connection.Dispose();
}

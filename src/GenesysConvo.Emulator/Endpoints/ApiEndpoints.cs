using GenesysConvo.Emulator.Endpoints.Analytics;
using GenesysConvo.Emulator.Endpoints.Authorization;
using GenesysConvo.Emulator.Endpoints.Control;
using GenesysConvo.Emulator.Endpoints.Conversations;
using GenesysConvo.Emulator.Endpoints.Login;
using GenesysConvo.Emulator.Endpoints.Notifications;
using GenesysConvo.Emulator.Endpoints.Organizations;
using GenesysConvo.Emulator.Endpoints.Routing;
using GenesysConvo.Emulator.Endpoints.Tokens;
using GenesysConvo.Emulator.Endpoints.Users;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>Every route the emulator serves, one folder per area of the real API; anything else under /api/v2 is a 404.</summary>
public static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        OAuthTokenEndpoint.Map(app); // the login host's routes
        OAuthAuthorizeEndpoint.Map(app);
        TokensEndpoints.Map(app);
        OrganizationsEndpoints.Map(app);
        UsersEndpoints.Map(app);
        UsersSearchEndpoint.Map(app);
        RoutingEndpoints.Map(app);
        AuthorizationEndpoints.Map(app);
        DetailsQueryEndpoint.Map(app);
        DetailsJobsEndpoints.Map(app);
        ConversationDetailsByIdEndpoints.Map(app);
        AggregatesEndpoint.Map(app);
        QueueObservationsEndpoint.Map(app);
        ConversationsEndpoints.Map(app);
        NotificationsEndpoints.Map(app);
        ChannelSocketEndpoint.Map(app);
        ControlApi.Map(app);
        app.MapFallback("/api/v2/{**rest}", (HttpContext ctx) => ErrorBodies.NotFound(ctx));
    }
}

using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Notifications;

namespace GenesysConvo.Emulator.Endpoints.Notifications;

/// <summary>
/// The notifications API (docs/genesys-api.md §10.1): POST|GET /api/v2/notifications/channels, HEAD …/channels/{id},
/// GET|POST|PUT|DELETE …/channels/{id}/subscriptions (body: [{"id": topic}], ?ignoreErrors=true answers a topic the
/// caller lacks permission for as Rejected with missingPermissions instead of failing the call). No permission is needed
/// for the endpoints; each topic needs its own (<see cref="Topic.Permission"/>). More than 1,000 topics → 400.
/// </summary>
public static class NotificationsEndpoints
{
    private const string ChannelsPath = "/api/v2/notifications/channels";

    private sealed record ChannelTopic(string Id, string State, string? RejectionReason, string[]? MissingPermissions, string SelfUri);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(ChannelsPath, Create);
        app.MapGet(ChannelsPath, List);
        app.MapMethods(ChannelsPath + "/{channelId}", ["HEAD"], (HttpContext ctx, string channelId, NotificationHub hub)
            => hub.Find(channelId, Token(ctx)) is null ? Results.StatusCode(404) : Results.Ok());
        var subscriptions = ChannelsPath + "/{channelId}/subscriptions";
        app.MapGet(subscriptions, (HttpContext ctx, string channelId, NotificationHub hub)
            => hub.Find(channelId, Token(ctx)) is { } c ? Listing(c.Topics.Select(Permitted)) : ErrorBodies.NotFound(ctx));
        app.MapPost(subscriptions, (HttpContext ctx, string channelId, NotificationHub hub, RuntimeConfig config)
            => Subscribe(ctx, channelId, hub, config, replace: false));
        app.MapPut(subscriptions, (HttpContext ctx, string channelId, NotificationHub hub, RuntimeConfig config)
            => Subscribe(ctx, channelId, hub, config, replace: true));
        app.MapDelete(subscriptions, (HttpContext ctx, string channelId, NotificationHub hub) =>
        {
            if (hub.Find(channelId, Token(ctx)) is not { } channel) return ErrorBodies.NotFound(ctx);
            channel.SetTopics([], replace: true);
            return Results.NoContent();
        });
    }

    private static IssuedToken Token(HttpContext ctx) => (IssuedToken)ctx.Items[EmulatorMiddleware.TokenItem]!;

    private static IResult Create(HttpContext ctx, NotificationHub hub, HostPorts ports)
        => Results.Json(Describe(hub.Create(Token(ctx)), ports), Json.Options);

    private static IResult List(HttpContext ctx, NotificationHub hub, HostPorts ports)
        => Results.Json(new { entities = hub.Channels.Where(c => hub.Find(c.Id, Token(ctx)) is not null).Select(c => Describe(c, ports)) },
            Json.Options);

    private static object Describe(NotificationChannel c, HostPorts ports)
        => new { id = c.Id, connectUri = $"ws://127.0.0.1:{ports.ApiPort}/channels/{c.Id}", expires = c.Expires };

    private static async Task<IResult> Subscribe(HttpContext ctx, string channelId, NotificationHub hub, RuntimeConfig config, bool replace)
    {
        if (hub.Find(channelId, Token(ctx)) is not { } channel) return ErrorBodies.NotFound(ctx);
        List<string> names;
        try
        {
            var body = JsonSerializer.Deserialize<List<ChannelTopicRequest>>(await RequestBodies.ReadText(ctx.Request), Json.Options);
            names = (body ?? []).Select(t => t.Id ?? string.Empty).ToList();
        }
        catch (JsonException)
        {
            return ErrorBodies.BadRequest(ctx,
                "The request body must be a JSON array of topics: [{\"id\": \"v2.users.<id>.conversations\"}].");
        }

        if (names.FirstOrDefault(n => Topic.Parse(n) is null) is { } invalid)
            return ErrorBodies.BadRequest(ctx, $"Invalid topic '{invalid}'.");
        var ignoreErrors = string.Equals(ctx.Request.Query["ignoreErrors"], "true", StringComparison.OrdinalIgnoreCase);
        var results = names.Select(n => (Name: n, Denied: config.IsDenied(Topic.Parse(n)!.Permission))).ToList();
        if (!ignoreErrors && results.FirstOrDefault(r => r.Denied) is { Name: not null } denied)
            return ErrorBodies.Result(ctx, 403, "missing.permissions",
                $"Missing the permission {Topic.Parse(denied.Name)!.Permission} for topic {denied.Name}.");
        var permitted = results.Where(r => !r.Denied).Select(r => r.Name).ToList();
        var total = (replace ? [] : channel.Topics).Union(permitted, StringComparer.OrdinalIgnoreCase).Count();
        if (total > NotificationHub.MaxTopics)
            return ErrorBodies.BadRequest(ctx, $"A channel holds at most {NotificationHub.MaxTopics} topics; this would make {total}.");
        channel.SetTopics(permitted, replace);
        channel.LastUsed = DateTimeOffset.UtcNow;
        return Listing(results.Select(r => r.Denied
            ? new ChannelTopic(r.Name, "Rejected", "Missing permissions", [Topic.Parse(r.Name)!.Permission], SelfUri(channelId))
            : Permitted(r.Name) with { SelfUri = SelfUri(channelId) }));
    }

    private static ChannelTopic Permitted(string name) => new(name, "Permitted", null, null, string.Empty);

    private static string SelfUri(string channelId) => $"{ChannelsPath}/{channelId}/subscriptions";

    private static IResult Listing(IEnumerable<ChannelTopic> topics) => Results.Json(new { entities = topics.ToList() }, Json.Options);

    private sealed class ChannelTopicRequest
    {
        public string? Id { get; set; }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Names for tab completion: what is asked of the API, what is cached, what is forgotten.</summary>
public class NameCompletionsTests
{
    private const string Gold = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string General = "aaaaaaaa-0000-0000-0000-000000000002";

    /// <summary>Login answered; every API request by <paramref name="status"/> and <paramref name="body"/>.</summary>
    private static FakeHttp Server(HttpStatusCode status, string body)
    {
        var http = new FakeHttp();
        for (var i = 0; i < 50; i++)
            http.Then((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath switch
            {
                "/oauth/token" => FakeHttp.Response(request, HttpStatusCode.OK, Responses.Token("t")),
                "/api/v2/tokens/me" => FakeHttp.Response(request, HttpStatusCode.OK, """{"organization":{"id":"o","name":"Org"}}"""),
                _ => FakeHttp.Response(request, status, body),
            }));
        return http;
    }

    private static string Queues => $$"""{"entities": [{"id": "{{General}}", "name": "Customer Care - General"}, {"id": "{{Gold}}", "name": "Customer Care - Gold"}]}""";

    private static List<SeenRequest> ApiRequests(FakeHttp http) =>
        http.Seen.Where(s => s.Uri.AbsolutePath.StartsWith("/api/v2/", StringComparison.Ordinal) && s.Uri.AbsolutePath != "/api/v2/tokens/me").ToList();

    [Fact]
    public async Task Queue_names_are_asked_by_prefix_once_per_session_and_sorted()
    {
        var http = Server(HttpStatusCode.OK, Queues);
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        var names = new NameResolver(api);

        var first = await names.Completions.StartingWithAsync(NameKind.Queue, "customer care").Guarded();
        var again = await names.Completions.StartingWithAsync(NameKind.Queue, "Customer Care").Guarded();

        Assert.Equal(new[] { "Customer Care - General", "Customer Care - Gold" }, first);
        Assert.Equal(first, again);
        var sent = Assert.Single(ApiRequests(http));
        Assert.Equal(RoutingApi.QueuesPath, sent.Uri.AbsolutePath);
        Assert.Contains("name=customer%20care%2A", sent.Uri.Query, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Customer Care - Gold", names.NameOf(NameKind.Queue, Gold));   // what completion found is known by id too
    }

    [Fact]
    public async Task Nothing_typed_lists_the_first_page_without_a_name_filter()
    {
        var http = Server(HttpStatusCode.OK, Queues);
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        await new NameResolver(api).Completions.StartingWithAsync(NameKind.WrapUpCode, "").Guarded();
        var sent = Assert.Single(ApiRequests(http));
        Assert.Equal(RoutingApi.WrapupCodesPath, sent.Uri.AbsolutePath);
        Assert.DoesNotContain("name=", sent.Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_names_come_from_the_search_API_by_the_start_of_the_name_for_active_and_inactive_users()
    {
        var http = Server(HttpStatusCode.OK, """{"results": [{"id": "u1", "name": "Stephanie O'Brien"}, {"id": "u2", "name": "Stephanie Okafor"}]}""");
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        var users = await new NameResolver(api).Completions.StartingWithAsync(NameKind.User, "Stephanie O").Guarded();

        Assert.Equal(new[] { "Stephanie O'Brien", "Stephanie Okafor" }, users);
        var body = JsonNode.Parse(Assert.Single(ApiRequests(http)).BodyText)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"fields": ["name"], "value": "Stephanie O", "type": "STARTS_WITH"},
             {"fields": ["state"], "values": ["active", "inactive"], "type": "EXACT"}]
            """), body["query"]));
    }

    [Fact]
    public async Task A_missing_permission_offers_nothing_and_is_not_asked_again()
    {
        var http = Server(HttpStatusCode.Forbidden, """{"message": "You must have at least one of the following permissions assigned: routing:queue:view", "status": 403}""");
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        var names = new NameResolver(api);
        Assert.Empty(await names.Completions.StartingWithAsync(NameKind.Queue, "Bill").Guarded());
        Assert.Empty(await names.Completions.StartingWithAsync(NameKind.Queue, "Bill").Guarded());
        Assert.Single(ApiRequests(http));
    }

    [Fact]
    public async Task A_failed_look_up_is_forgotten_so_the_next_Tab_asks_again()
    {
        var http = Server(HttpStatusCode.NotFound, """{"message": "not found", "status": 404}""");
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        var names = new NameResolver(api);
        await Assert.ThrowsAsync<GenesysApiException>(() => names.Completions.StartingWithAsync(NameKind.Queue, "Bill").Guarded());
        await Eventually.TrueAsync(() =>
        {
            _ = names.Completions.StartingWithAsync(NameKind.Queue, "Bill");   // the failed task until it is forgotten
            return ApiRequests(http).Count >= 2;
        }, "a second look-up after the failure");
    }
}

using System.Collections.Concurrent;
using System.Net;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Names of the ids records refer to: asked for in bulk, the kinds at once.</summary>
public class NameResolverTests
{
    private const string User = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Queue = "aaaaaaaa-0000-0000-0000-000000000002";
    private const string WrapUpCode = "aaaaaaaa-0000-0000-0000-000000000003";

    [Fact]
    public async Task Users_queues_and_wrap_up_codes_are_asked_for_at_once()
    {
        var inFlight = new ConcurrentDictionary<string, bool>();
        var allThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var http = new FakeHttp();
        http.Respond(HttpStatusCode.OK, Responses.Token("t"))
            .Respond(HttpStatusCode.OK, """{"organization":{"id":"o","name":"Org"}}""");
        for (var i = 0; i < 3; i++)
            http.Then(async (request, ct) =>
            {
                var path = request.RequestUri!.AbsolutePath;
                inFlight[path] = true;
                if (inFlight.Count == 3) allThree.TrySetResult();
                // Each answers once all three are in flight: asked one after another, the first would wait in vain.
                await allThree.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
                var id = request.RequestUri.Query.Split("id=")[1].Split('&')[0];
                return FakeHttp.Response(request, HttpStatusCode.OK, $$"""{"entities": [{"id": "{{id}}", "name": "{{path}}"}]}""");
            });
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        var names = new NameResolver(api);

        await names.ResolveAllAsync(new[]
        {
            (NameKind.User, new[] { User }), (NameKind.Queue, new[] { Queue }), (NameKind.WrapUpCode, new[] { WrapUpCode }),
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(UsersApi.UsersPath, names.NameOf(NameKind.User, User));
        Assert.Equal(RoutingApi.QueuesPath, names.NameOf(NameKind.Queue, Queue));
        Assert.Equal(RoutingApi.WrapupCodesPath, names.NameOf(NameKind.WrapUpCode, WrapUpCode));
    }
}

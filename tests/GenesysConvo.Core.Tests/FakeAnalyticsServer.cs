using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenesysConvo.Core.Tests;

/// <summary>A conversation the fake server holds: when it started, and when it ended (null: still open).</summary>
internal sealed record HeldConversation(string Id, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>The details query and the details jobs answered as the real API documents them (docs/genesys-api.md §2, §3):
/// the query matches conversations that started on a UTC day the interval touches and before its end, pages from 1,
/// no "conversations" past the end; jobs match lifetimes that overlap the interval, results by cursor. Whether jobs
/// hold open conversations is a switch (the real datalake's behaviour is not documented). Every answer can be replaced
/// through <see cref="Intercept"/> (a fault).</summary>
internal sealed class FakeAnalyticsServer : HttpMessageHandler
{
    private readonly List<HeldConversation> _conversations;
    private readonly Dictionary<string, TimeWindow> _jobs = new();

    public FakeAnalyticsServer(IEnumerable<HeldConversation> conversations) => _conversations = conversations.OrderBy(c => c.Start).ToList();

    public DateTimeOffset DataAvailability { get; set; } = DateTimeOffset.MaxValue;
    /// <summary>The server's now: what starts later does not exist yet, what ends later is still open.</summary>
    public Func<DateTimeOffset>? Now { get; set; }
    public bool JobsHoldOpenConversations { get; set; }
    public int JobResultPageSize { get; set; } = 50;
    /// <summary>When set, every answer states this allowance of a rate-limit window (inin-ratelimit-*), one request used.</summary>
    public int? RateLimitAllowed { get; set; }
    /// <summary>Every API request as (method, path, body), in order.</summary>
    public List<(string Method, string Path, JsonNode? Body)> Requests { get; } = new();
    /// <summary>Answers a request instead of the server when it returns a response (method, path and query, body, how many
    /// requests of that path came before).</summary>
    public Func<string, string, JsonNode?, int, HttpResponseMessage?>? Intercept { get; set; }

    public static string Id(int k) => $"00000000-0000-0000-0000-{k:D12}";

    /// <summary>A conversation every <paramref name="spacing"/> from <paramref name="first"/>, each lasting a minute.</summary>
    public static IEnumerable<HeldConversation> Every(TimeSpan spacing, DateTimeOffset first, int count) =>
        Enumerable.Range(0, count).Select(k => new HeldConversation(Id(k), first + TimeSpan.FromTicks(spacing.Ticks * k), first + TimeSpan.FromTicks(spacing.Ticks * k) + TimeSpan.FromMinutes(1)));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/oauth/token") return Json("{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":86400}");
        if (path == "/api/v2/tokens/me") return Json("{\"organization\":{\"id\":\"o\",\"name\":\"Org\"}}");
        var text = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var body = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
        int before;
        lock (Requests)
        {
            before = Requests.Count(r => r.Path == path);
            Requests.Add((request.Method.Method, path, body));
        }
        var response = Intercept?.Invoke(request.Method.Method, request.RequestUri.PathAndQuery, body, before)
            ?? Answer(request.Method.Method, path, request.RequestUri.Query, body);
        if (RateLimitAllowed is { } allowed)
        {
            response.Headers.Add("inin-ratelimit-count", "1");
            response.Headers.Add("inin-ratelimit-allowed", allowed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("inin-ratelimit-reset", "60");
        }
        return response;
    }

    private HttpResponseMessage Answer(string method, string path, string query, JsonNode? body)
    {
        const string jobs = "/api/v2/analytics/conversations/details/jobs";
        if (path == "/api/v2/analytics/conversations/details/query") return QueryPage(body!);
        if (path == jobs + "/availability") return Json($"{{\"dataAvailabilityDate\":\"{TimeWindow.Format(DataAvailability)}\"}}");
        if (path == jobs && method == "POST")
        {
            var id = Guid.NewGuid().ToString();
            lock (_jobs) _jobs[id] = TimeWindow.Parse(body!["interval"]!.GetValue<string>());
            return Json($"{{\"jobId\":\"{id}\"}}", HttpStatusCode.Accepted);
        }
        var jobId = path.Substring(jobs.Length + 1).Split('/')[0];
        if (method == "DELETE") return new HttpResponseMessage(HttpStatusCode.NoContent);
        if (path.EndsWith("/results", StringComparison.Ordinal)) return JobPage(jobId, query);
        return Json("{\"state\":\"FULFILLED\"}");
    }

    /// <summary>The conversations as of the server's now.</summary>
    private List<HeldConversation> AsOfNow()
    {
        if (Now is null) return _conversations;
        var now = Now();
        return _conversations.Where(c => c.Start <= now).Select(c => c.End > now ? c with { End = null } : c).ToList();
    }

    private HttpResponseMessage QueryPage(JsonNode body)
    {
        var interval = TimeWindow.Parse(body["interval"]!.GetValue<string>());
        var size = body["paging"]!["pageSize"]!.GetValue<int>();
        var page = body["paging"]!["pageNumber"]!.GetValue<int>();
        var dayStart = new DateTimeOffset(interval.Start.UtcDateTime.Date, TimeSpan.Zero);
        var filters = body["conversationFilters"]?.AsArray() ?? new JsonArray();
        var matching = AsOfNow().Where(c => c.Start >= dayStart && c.Start < interval.End && filters.All(f => Matches(c, f!))).ToList();
        var items = matching.Skip((page - 1) * size).Take(size).ToList();
        return Json(items.Count == 0
            ? $"{{\"totalHits\":{matching.Count}}}"
            : $"{{\"totalHits\":{matching.Count},\"conversations\":[{string.Join(",", items.Select(Record))}]}}");
    }

    /// <summary>A conversation filter as the API evaluates it, for the predicates the engine sends: conversationEnd
    /// exists/notExists, conversationId matches, a tConversationDuration range; clauses and predicates by type.</summary>
    private static bool Matches(HeldConversation c, JsonNode filter)
    {
        var results = (filter["predicates"]?.AsArray() ?? new JsonArray()).Select(p => Predicate(c, p!))
            .Concat((filter["clauses"]?.AsArray() ?? new JsonArray()).Select(clause => Matches(c, clause!)));
        return filter["type"]?.GetValue<string>() == "or" ? results.Any(r => r) : results.All(r => r);
    }

    private static bool Predicate(HeldConversation c, JsonNode p)
    {
        if (p["metric"]?.GetValue<string>() == "tConversationDuration")
            return c.End is { } end && (end - c.Start).TotalMilliseconds >= (p["range"]?["gte"]?.GetValue<double>() ?? 0);
        return (p["dimension"]?.GetValue<string>(), p["operator"]?.GetValue<string>()) switch
        {
            ("conversationEnd", "exists") => c.End != null,
            ("conversationEnd", "notExists") => c.End is null,
            ("conversationId", _) => p["value"]!.GetValue<string>() == c.Id,
            _ => true,
        };
    }

    private HttpResponseMessage JobPage(string jobId, string query)
    {
        TimeWindow interval;
        lock (_jobs) interval = _jobs[jobId];
        var held = AsOfNow().Where(c => c.Start < interval.End && (c.End is null ? JobsHoldOpenConversations : c.End > interval.Start && c.End <= DataAvailability)).ToList();
        var cursor = System.Web.HttpUtility.ParseQueryString(query)["cursor"];
        var from = cursor is null ? 0 : int.Parse(cursor);
        var items = held.Skip(from).Take(JobResultPageSize).ToList();
        var next = from + items.Count < held.Count ? $",\"cursor\":\"{from + items.Count}\"" : "";
        return Json($"{{\"conversations\":[{string.Join(",", items.Select(Record))}]{next}}}");
    }

    private static string Record(HeldConversation c) => JsonSerializer.Serialize(new
    {
        conversationId = c.Id, conversationStart = TimeWindow.Format(c.Start),
        conversationEnd = c.End is { } end ? TimeWindow.Format(end) : null, participants = Array.Empty<object>(),
    }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Text(string body, string contentType, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}

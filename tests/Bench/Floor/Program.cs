using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

// The floor: a client credentials token, then the details query page by page until a page has no conversations,
// each page parsed into typed records. Settings come from the environment (BENCH_*), the result is one JSON line on
// stdout ("BENCH_RESULT={...}"): what every implementation of the benchmark prints.
var clock = Stopwatch.StartNew();
var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
string Setting(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException(name + " is not set.");
var apiUrl = Setting("BENCH_API_URL");
var mode = Environment.GetEnvironmentVariable("BENCH_MODE") ?? "all";   // all | first
using var http = new HttpClient();

var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(Setting("BENCH_CLIENT_ID") + ":" + Setting("BENCH_CLIENT_SECRET")));
using var login = new HttpRequestMessage(HttpMethod.Post, Setting("BENCH_LOGIN_URL") + "/oauth/token")
{
    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
};
login.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
using var tokenResponse = await http.SendAsync(login);
tokenResponse.EnsureSuccessStatusCode();
var token = (await tokenResponse.Content.ReadFromJsonAsyncCompat(FloorJson.Default.TokenAnswer))!.access_token;
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

var interval = Setting("BENCH_INTERVAL");
long records = 0;
double? firstRecordMs = null;
for (var pageNumber = 1; ; pageNumber++)
{
    var body = JsonSerializer.Serialize(new DetailsQuery(interval, pageNumber), FloorJson.Default.DetailsQuery);
    using var response = await http.PostAsync(apiUrl + "/api/v2/analytics/conversations/details/query",
        new StringContent(body, Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    var page = await response.Content.ReadFromJsonAsyncCompat(FloorJson.Default.DetailsPage);
    if (page?.conversations is not { Count: > 0 } conversations) break;
    firstRecordMs ??= clock.Elapsed.TotalMilliseconds;
    records += conversations.Count;
    if (mode == "first") break;
}

var seconds = clock.Elapsed.TotalSeconds;
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
var result = new BenchResult(records, seconds, cpu, PeakRss(), firstRecordMs);
Console.WriteLine("BENCH_RESULT=" + JsonSerializer.Serialize(result, FloorJson.Default.BenchResult));

// VmHWM: the most resident memory the process had, as every implementation reads it.
static long PeakRss()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
    }
    return 0;
}

internal sealed record TokenAnswer(string access_token);
internal sealed record Predicate(string dimension, string @operator);
internal sealed record Filter(string type, IReadOnlyList<Predicate> predicates);
internal sealed record Paging(int pageSize, int pageNumber);
internal sealed record DetailsQuery(string interval, Paging paging, IReadOnlyList<Filter> conversationFilters)
{
    public DetailsQuery(string interval, int pageNumber)
        : this(interval, new Paging(100, pageNumber), new[] { new Filter("and", new[] { new Predicate("conversationEnd", "exists") }) })
    {
    }
}
// The fields a report reads; the rest of each record is skipped by the parser, as a lean client would.
internal sealed record Segment(string? segmentType, DateTimeOffset? segmentStart, DateTimeOffset? segmentEnd, string? queueId,
    string? wrapUpCode);
internal sealed record Session(string? mediaType, string? direction, IReadOnlyList<Segment>? segments);
internal sealed record Participant(string? participantId, string? purpose, string? userId, IReadOnlyList<Session>? sessions);
internal sealed record Conversation(string conversationId, DateTimeOffset conversationStart, DateTimeOffset? conversationEnd,
    string? originatingDirection, IReadOnlyList<Participant>? participants);
internal sealed record DetailsPage(List<Conversation>? conversations, long? totalHits);
internal sealed record BenchResult(long Records, double Seconds, double CpuSeconds, long PeakRssBytes, double? FirstRecordMs);

[JsonSerializable(typeof(TokenAnswer))]
[JsonSerializable(typeof(DetailsQuery))]
[JsonSerializable(typeof(DetailsPage))]
[JsonSerializable(typeof(BenchResult))]
internal sealed partial class FloorJson : JsonSerializerContext
{
}

internal static class ContentExtensions
{
    public static async Task<T?> ReadFromJsonAsyncCompat<T>(this HttpContent content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        await using var stream = await content.ReadAsStreamAsync();
        return await JsonSerializer.DeserializeAsync(stream, type);
    }
}

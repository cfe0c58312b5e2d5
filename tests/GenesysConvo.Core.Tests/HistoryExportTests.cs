using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Export-GenesysConversationHistory's engine: a file that takes its name only when complete, a checkpoint that
/// continues a failed run to the same file an uninterrupted run writes, and incremental runs that write each
/// conversation once, when it has ended.</summary>
public sealed class HistoryExportTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("genesysconvo-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string InFolder(string name) => Path.Combine(_folder, name);

    private static async Task<(GenesysApi Api, NameResolver Names)> ConnectAsync(FakeAnalyticsServer server, TimeProvider? time = null)
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = new Uri("https://api.example.test"), LoginBaseUri = new Uri("https://login.example.test"),
            ClientId = "id", ClientSecret = new ClientSecret("secret"), PrimaryHandler = () => server, Time = time ?? TimeProvider.System,
        };
        options.Retry.MaxRetryCount = 0;
        var api = await GenesysApi.ConnectAsync(options, CancellationToken.None).Guarded();
        return (api, new NameResolver(api));
    }

    private static Task<ExportSummary> ExportAsync(GenesysApi api, NameResolver names, ExportRequest request) =>
        new HistoryExport(api, names, request).RunAsync(CancellationToken.None);

    private static List<string> IdsIn(string csv) =>
        File.ReadAllLines(csv).Skip(1).Select(line => line.Split(',')[0].Trim('"')).ToList();

    [Fact]
    public async Task A_complete_export_is_a_CSV_that_reads_the_same_in_every_culture()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(5), Epoch.AddHours(1), 30).ToList();
        var (api, names) = await ConnectAsync(new FakeAnalyticsServer(held));
        using var _ = api;
        var path = InFolder("calls.csv");
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var summary = await ExportAsync(api, names, new ExportRequest { Path = path, Window = new TimeWindow(Epoch, Epoch.AddDays(1)), Source = DetailsSource.Query });
            Assert.Equal(30, summary.Rows);
            Assert.Equal(30, summary.Conversations);
            Assert.Equal("Csv", summary.Format);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("\"ConversationId\",\"StartTime\",\"EndTime\",\"DurationSeconds\"", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(held.Select(c => c.Id), IdsIn(path));
        Assert.StartsWith("\"00000000-0000-0000-0000-000000000000\",\"2026-03-02T01:00:00.000+00:00\",\"2026-03-02T01:01:00.000+00:00\",\"60.000\"", lines[1]);
        Assert.False(File.Exists(RecordFile.PartialPathOf(path)));
    }

    [Fact]
    public async Task A_JSON_lines_export_has_one_object_per_conversation()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(5), Epoch.AddHours(1), 12).ToList();
        var (api, names) = await ConnectAsync(new FakeAnalyticsServer(held));
        using var _ = api;
        var path = InFolder("calls.jsonl");
        await ExportAsync(api, names, new ExportRequest { Path = path, Window = new TimeWindow(Epoch, Epoch.AddDays(1)), Source = DetailsSource.Query });
        var objects = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(held.Select(c => c.Id), objects.Select(o => o.GetProperty("ConversationId").GetString()));
        Assert.Equal(60, objects[0].GetProperty("DurationSeconds").GetDouble());
        Assert.Equal("2026-03-02T01:00:00.000+00:00", objects[0].GetProperty("StartTime").GetString());
    }

    [Fact]
    public async Task A_failed_export_without_a_checkpoint_leaves_no_file()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(2), Epoch, 600).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, _, before) => path.EndsWith("/details/query") && before == 2
                ? FakeAnalyticsServer.Json("""{"message":"denied","status":403}""", HttpStatusCode.Forbidden) : null,
        };
        var (api, names) = await ConnectAsync(server);
        using var _ = api;
        var path = InFolder("calls.csv");
        await Assert.ThrowsAsync<GenesysApiException>(() =>
            ExportAsync(api, names, new ExportRequest { Path = path, Window = new TimeWindow(Epoch, Epoch.AddDays(1)), Source = DetailsSource.Query }));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(DetailsSource.Query, 7)]
    [InlineData(DetailsSource.Query, 13)]
    [InlineData(DetailsSource.Jobs, 2)]
    public async Task A_failed_export_continued_from_its_checkpoint_equals_an_uninterrupted_one(DetailsSource source, int failAt)
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(9), Epoch, 1200).ToList();
        var window = new TimeWindow(Epoch, Epoch.AddDays(6));
        ExportRequest Request(string path, string? checkpoint) => new()
        {
            Path = path, CheckpointPath = checkpoint, Window = window, Source = source, SliceLength = TimeSpan.FromDays(1), JobSpan = TimeSpan.FromDays(1),
        };
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(30) };
        var (api, names) = await ConnectAsync(server);
        using var _ = api;
        var reference = InFolder("reference.csv");
        await ExportAsync(api, names, Request(reference, null));

        var path = InFolder("calls.csv");
        var checkpoint = InFolder("calls.checkpoint");
        var requests = 0;
        server.Intercept = (_, _, _, _) => ++requests == failAt
            ? FakeAnalyticsServer.Json("""{"message":"denied","status":403}""", HttpStatusCode.Forbidden) : null;
        await Assert.ThrowsAsync<GenesysApiException>(() => ExportAsync(api, names, Request(path, checkpoint)));
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(checkpoint));
        server.Intercept = null;

        var summary = await ExportAsync(api, names, Request(path, checkpoint));

        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(path));
        Assert.Equal(1, summary.Resumes);
        Assert.False(File.Exists(checkpoint));
        Assert.False(File.Exists(RecordFile.PartialPathOf(path)));
    }

    [Fact]
    public async Task A_unit_read_in_halves_keeps_only_the_ids_that_may_come_again_and_continues_from_its_finished_half()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(2), Epoch, 720).ToList();
        var day = new TimeWindow(Epoch, Epoch.AddDays(1));
        ExportRequest Request(string path, string? checkpoint) => new()
        {
            Path = path, CheckpointPath = checkpoint, Window = day, Source = DetailsSource.Query, SliceLength = TimeSpan.FromDays(1),
        };
        var server = new FakeAnalyticsServer(held);
        var (api, names) = await ConnectAsync(server);
        using var _ = api;
        var reference = InFolder("reference.csv");
        await ExportAsync(api, names, Request(reference, null));

        // Page 3 of the day passes the paging depth, so the day is read as two halves of 360. Like the API, the server
        // answers a half with the day's conversations from midnight: the second half gives its first 40 on its page 4,
        // and the export fails on its page 5.
        var path = InFolder("calls.csv");
        var checkpoint = InFolder("calls.checkpoint");
        var secondHalf = 0;
        server.Intercept = (_, _, body, _) => body?["interval"]?.GetValue<string>() is { } interval && TimeWindow.Parse(interval) is var asked
            ? asked.Equals(day) && body["paging"]!["pageNumber"]!.GetValue<int>() == 3
                ? FakeAnalyticsServer.Json("""{"message":"Pagination may not exceed 100000 results.","status":400}""", HttpStatusCode.BadRequest)
                : asked.Start == Epoch.AddHours(12) && ++secondHalf == 5
                    ? FakeAnalyticsServer.Json("""{"message":"denied","status":403}""", HttpStatusCode.Forbidden) : null
            : null;
        await Assert.ThrowsAsync<GenesysApiException>(() => ExportAsync(api, names, Request(path, checkpoint)));

        // The checkpoint was rewritten when the first half ended: it holds the 40 ids of the second half, not the 360 of
        // the first as well.
        var lines = File.ReadLines(checkpoint).Select(line => JsonNode.Parse(line)!).ToList();
        var run = lines[0]["state"]!["run"]!;
        Assert.Equal(Epoch.AddHours(12), run["unitDoneUntil"]!.GetValue<DateTimeOffset>());
        var kept = run["givenInUnit"]!.AsArray().Count + lines.Skip(1).Sum(line => line["page"]?["given"]?.AsArray().Count ?? 0);
        Assert.Equal(40, kept);
        server.Intercept = null;
        var asksBefore = server.Requests.Count;

        await ExportAsync(api, names, Request(path, checkpoint));

        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(path));
        Assert.All(server.Requests.Skip(asksBefore).Where(r => r.Body?["interval"] is not null),
            r => Assert.True(TimeWindow.Parse(r.Body!["interval"]!.GetValue<string>()).Start >= Epoch.AddHours(12)));
    }

    [Fact]
    public async Task A_checkpoint_is_continued_only_by_the_export_that_made_it()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(9), Epoch, 300).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, _, before) => path.EndsWith("/details/query") && before == 1
                ? FakeAnalyticsServer.Json("""{"message":"denied","status":403}""", HttpStatusCode.Forbidden) : null,
        };
        var (api, names) = await ConnectAsync(server);
        using var _ = api;
        var checkpoint = InFolder("calls.checkpoint");
        var request = new ExportRequest { Path = InFolder("calls.csv"), CheckpointPath = checkpoint, Window = new TimeWindow(Epoch, Epoch.AddDays(1)) };
        await Assert.ThrowsAsync<GenesysApiException>(() => ExportAsync(api, names, request));

        request.Window = new TimeWindow(Epoch, Epoch.AddDays(2));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ExportAsync(api, names, request));
        Assert.Contains("belongs to another export", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Incremental_runs_write_each_conversation_once_when_it_has_ended(bool someRunsFail)
    {
        // A conversation every 20 minutes; every fifth stays open for 5 hours, the rest for 3 minutes.
        var held = Enumerable.Range(0, 200).Select(k =>
        {
            var start = Epoch.AddMinutes(20 * k + 1);
            return new HeldConversation(FakeAnalyticsServer.Id(k), start, start.AddMinutes(k % 5 == 0 ? 300 : 3));
        }).ToList();
        var time = new FakeTimeProvider(Epoch.AddHours(1));
        // With failures, every seventh run fails at its third details page, after rows were written: the next run, which
        // names its own file, continues it.
        var queryPagesToFailure = -1;
        var server = new FakeAnalyticsServer(held) { Now = time.GetUtcNow };
        server.Intercept = (_, path, _, _) => path.EndsWith("/details/query") && Interlocked.Decrement(ref queryPagesToFailure) == 0
            ? new HttpResponseMessage(HttpStatusCode.Forbidden) : null;
        var (api, names) = await ConnectAsync(server, time);
        using var _ = api;
        var checkpoint = InFolder("incremental.checkpoint");
        var written = new List<string>();
        var pendingAtEnd = 0;
        var failed = 0;
        for (var run = 0; run < 48; run++)
        {
            time.Advance(TimeSpan.FromHours(1));
            var path = InFolder($"run-{run:D2}.csv");
            queryPagesToFailure = someRunsFail && run % 7 == 3 ? 3 : -1;
            try
            {
                var summary = await ExportAsync(api, names, new ExportRequest
                {
                    Path = path, CheckpointPath = checkpoint, Incremental = true, PageSize = 2,
                    Window = new TimeWindow(Epoch, DateTimeOffset.MaxValue.AddDays(-2)), Source = DetailsSource.Query,
                });
                written.AddRange(IdsIn(path));
                pendingAtEnd = summary.Pending;
            }
            catch (GenesysApiException) when (someRunsFail)
            {
                failed++;
                Assert.False(File.Exists(path), "a failed run leaves no file under its name");
            }
        }
        Assert.Equal(someRunsFail ? 7 : 0, failed);

        var through = time.GetUtcNow() - TimeSpan.FromMinutes(10);
        var expected = held.Where(c => c.Start < through && c.End <= time.GetUtcNow()).Select(c => c.Id).OrderBy(i => i).ToList();
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(expected, written.Where(id => expected.Contains(id)).OrderBy(i => i));
        Assert.All(written, id => Assert.Contains(id, expected));
        Assert.True(pendingAtEnd > 0, "some conversations are still open at the last run");
    }
}

using System.Globalization;
using System.Text;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Endpoints.Analytics;

public sealed class AsyncQueryStatus
{
    public string? State { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset? ExpirationDate { get; set; }
    public DateTimeOffset? SubmissionDate { get; set; }
    public DateTimeOffset? CompletionDate { get; set; }
}

public sealed class AsyncQueryResultsResponse
{
    public List<AnalyticsConversation>? Conversations { get; set; }
    public string? Cursor { get; set; }
    public DateTimeOffset? DataAvailabilityDate { get; set; }
}

/// <summary>
/// Async details jobs under /api/v2/analytics/conversations/details/jobs: submit (POST), status (GET /{jobId}),
/// results with cursor paging (GET /{jobId}/results), cancel (DELETE /{jobId}), availability (GET /availability).
/// </summary>
public static class DetailsJobsEndpoints
{
    public const int DefaultResultsPageSize = 1000;
    public const int MaxResultsPageSize = 1000;

    private const string Base = "/api/v2/analytics/conversations/details/jobs";

    private static readonly string[] AnyDetailView = [PermissionNames.ConversationDetailView, PermissionNames.AgentConversationDetailView];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Base + "/availability", Availability).RequireAnyPermission(PermissionNames.ConversationDetailView);
        app.MapPost(Base, Submit).RequireAnyPermission(AnyDetailView);
        app.MapGet(Base + "/{jobId}", Status).RequireAnyPermission(AnyDetailView);
        app.MapDelete(Base + "/{jobId}", Cancel).RequireAnyPermission(AnyDetailView);
        app.MapGet(Base + "/{jobId}/results", ReadResults).RequireAnyPermission(AnyDetailView);
    }

    private static IResult Availability(EmulatorClock clock, RuntimeConfig config)
    {
        var dataAvailabilityDate = DetailsJobStore.AvailabilityAt(clock.Now, config.DataAvailabilityLagMinutes);
        return Results.Json(new { dataAvailabilityDate }, Json.Options);
    }

    private static async Task<IResult> Submit(HttpContext ctx, DetailsJobStore jobs, EmulatorClock clock, RuntimeConfig config)
    {
        try
        {
            var body = await RequestBodies.ReadQuery<DetailsQueryBody>(ctx.Request, DetailsQueryParser.BodyRequired);
            var query = DetailsQueryParser.Parse(body, enforceIntervalLimits: false);
            if (body.Limit is < 1) throw new QueryValidationException("bad.request", $"Invalid limit {body.Limit}: it must be at least 1.");
            var job = jobs.Submit(query, clock.Now, config);
            ctx.Items[RequestLog.DetailItem] = new { jobId = job.Id, interval = body.Interval };
            return Results.Json(new { jobId = job.Id }, Json.Options, statusCode: 202);
        }
        catch (QueryValidationException ex)
        {
            return ErrorBodies.Result(ctx, 400, ex.Code, ex.Message);
        }
    }

    private static IResult Status(HttpContext ctx, string jobId, DetailsJobStore jobs, EmulatorClock clock)
    {
        if (jobs.Find(jobId) is not { } job) return ErrorBodies.NotFound(ctx);
        var state = job.StateAt(clock.Now);
        var done = state is "FULFILLED" or "FAILED" or "EXPIRED";
        return Results.Json(new AsyncQueryStatus
        {
            State = state,
            ErrorMessage = state == "FAILED" ? DetailsJobStore.FailureMessage : null,
            SubmissionDate = job.SubmissionDate,
            CompletionDate = done ? job.CompletionDate : null,
            ExpirationDate = state is "FULFILLED" or "EXPIRED" ? job.ExpirationDate : null,
        }, Json.Options);
    }

    private static IResult Cancel(HttpContext ctx, string jobId, DetailsJobStore jobs, EmulatorClock clock)
    {
        if (jobs.Find(jobId) is not { } job) return ErrorBodies.NotFound(ctx);
        job.CancelledAt ??= clock.Now;
        return Results.NoContent();
    }

    private static IResult ReadResults(HttpContext ctx, string jobId, DetailsJobStore jobs, EmulatorClock clock,
        ConversationGenerator generator)
    {
        var q = ctx.Request.Query;
        var cursor = q["cursor"].ToString();
        var pageSize = DefaultResultsPageSize;
        if (q.ContainsKey("pageSize") && !int.TryParse(q["pageSize"], NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize))
        {
            return ErrorBodies.BadRequest(ctx,
                $"Invalid pageSize '{q["pageSize"]}': it must be an integer between 1 and {MaxResultsPageSize}.");
        }

        ctx.Items[RequestLog.DetailItem] = new { jobId, pageSize, cursor = cursor.Length == 0 ? null : cursor };
        if (pageSize < 1 || pageSize > MaxResultsPageSize)
        {
            return ErrorBodies.BadRequest(ctx,
                $"Invalid pageSize {pageSize}: it must be between 1 and {MaxResultsPageSize} (max {MaxResultsPageSize}).");
        }

        if (jobs.Find(jobId) is not { } job) return ErrorBodies.NotFound(ctx);
        if (Unreadable(ctx, job, job.StateAt(clock.Now)) is { } notReady) return notReady;
        var offset = 0;
        if (cursor.Length > 0 && !TryDecodeCursor(cursor, job.Id, out offset))
            return ErrorBodies.BadRequest(ctx, $"Invalid cursor '{cursor}' for job {job.Id}.");

        var all = jobs.Results(job);
        var page = all.Skip(offset).Take(pageSize)
            .Select(k => generator.GetWithAttributes(k, job.CompletionDate)).ToList();
        var next = offset + page.Count;
        return Results.Json(new AsyncQueryResultsResponse
        {
            Conversations = page.Count > 0 ? page : null,
            Cursor = next < all.Count ? EncodeCursor(job.Id, next) : null,
            DataAvailabilityDate = job.DataAvailabilityDate,
        }, Json.Options);
    }

    /// <summary>Results exist once a job is FULFILLED: gone (404) when cancelled or expired, not yet (400) before.</summary>
    private static IResult? Unreadable(HttpContext ctx, DetailsJob job, string state) => state switch
    {
        "CANCELLED" or "EXPIRED"
            => ErrorBodies.Result(ctx, 404, "not.found", $"The results of job {job.Id} are not available: the job is {state}."),
        "QUEUED" or "PENDING" or "FAILED" => ErrorBodies.BadRequest(ctx,
            $"The results of job {job.Id} are not available: the job is {state}, results can only be read once it is FULFILLED."),
        _ => null,
    };

    private static string EncodeCursor(string jobId, int offset)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{jobId}:{offset.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string cursor, string jobId, out int offset)
    {
        offset = 0;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            var colon = text.LastIndexOf(':');
            return colon > 0 && string.Equals(text[..colon], jobId, StringComparison.OrdinalIgnoreCase)
                   && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

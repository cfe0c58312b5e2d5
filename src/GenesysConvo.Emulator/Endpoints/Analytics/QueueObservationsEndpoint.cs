using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Live;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Analytics;

/// <summary>
/// POST /api/v2/analytics/queues/observations/query (permission analytics:queueObservation:view): the request checked
/// here, the answer computed by <see cref="QueueObservations"/> from what is live at the emulator's now.
/// </summary>
public static class QueueObservationsEndpoint
{
    public const string Permission = "analytics:queueObservation:view";

    private static readonly string[] Dimensions = ["queueId", "mediaType"];

    private static IEnumerable<string> AllMetrics => QueueObservations.ConversationMetrics.Concat(QueueObservations.UserMetrics);

    public static void Map(IEndpointRouteBuilder app)
        => app.MapPost("/api/v2/analytics/queues/observations/query", Query).RequireAnyPermission(Permission);

    private static async Task<IResult> Query(HttpContext ctx, LiveConversations live, SyntheticOrg org, EmulatorClock clock)
    {
        QueueObservationQueryBody? body;
        try
        {
            var text = await RequestBodies.ReadText(ctx.Request);
            body = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<QueueObservationQueryBody>(text, Json.Options);
        }
        catch (JsonException ex)
        {
            return ErrorBodies.BadRequest(ctx, $"Unable to parse the request body: {ex.Message}");
        }

        if (Validate(body) is { } problem) return ErrorBodies.BadRequest(ctx, problem);
        var metrics = body!.Metrics!.Select(Canonical).ToList();
        var details = new HashSet<string>((body.DetailMetrics ?? []).Select(Canonical), StringComparer.Ordinal);
        return Results.Json(QueueObservations.Compute(live, org, clock.Now, body.Filter!, metrics, details), Json.Options);
    }

    private static string Canonical(string metric) => AllMetrics.First(m => m.Equals(metric, StringComparison.OrdinalIgnoreCase));

    private static string? Validate(QueueObservationQueryBody? body)
    {
        if (body is null) return "A request body is required.";
        if (body.Filter is null) return "filter is required.";
        if (body.Metrics is not { Count: > 0 }) return "metrics is required: at least one metric must be specified.";
        for (var i = 0; i < body.Metrics.Count; i++)
        {
            var m = body.Metrics[i];
            if (m is null || !AllMetrics.Contains(m, StringComparer.OrdinalIgnoreCase))
                return $"metrics[{i}]: unknown metric '{m}'.";
        }

        for (var i = 0; i < (body.DetailMetrics?.Count ?? 0); i++)
        {
            var m = body.DetailMetrics![i];
            if (m is null || m.StartsWith("oLongest", StringComparison.OrdinalIgnoreCase) ||
                !AllMetrics.Contains(m, StringComparer.OrdinalIgnoreCase))
                return $"detailMetrics[{i}]: unknown or unsupported detail metric '{m}'.";
        }

        return ValidateFilter(body.Filter, "filter");
    }

    private static string? ValidateFilter(QueueObservationFilter f, string path)
    {
        if (!"and".Equals(f.Type, StringComparison.OrdinalIgnoreCase) && !"or".Equals(f.Type, StringComparison.OrdinalIgnoreCase))
            return $"{path}.type must be 'and' or 'or'.";
        if ((f.Predicates?.Count ?? 0) == 0 && (f.Clauses?.Count ?? 0) == 0)
            return $"{path} needs predicates or clauses.";
        for (var i = 0; i < (f.Clauses?.Count ?? 0); i++)
        {
            var c = f.Clauses![i];
            if (c is null) return $"{path}.clauses[{i}] must be an object.";
            if (c.Clauses is { Count: > 0 }) return $"{path}.clauses[{i}]: clauses cannot be nested.";
            if (ValidateFilter(c, $"{path}.clauses[{i}]") is { } e) return e;
        }

        for (var i = 0; i < (f.Predicates?.Count ?? 0); i++)
        {
            if (ValidatePredicate(f.Predicates![i], $"{path}.predicates[{i}]") is { } e) return e;
        }

        return null;
    }

    private static string? ValidatePredicate(QueueObservationPredicate? p, string at)
    {
        if (p is null) return $"{at} must be an object.";
        if (p.Dimension is null || !Dimensions.Contains(p.Dimension, StringComparer.OrdinalIgnoreCase))
            return $"{at}: unknown dimension '{p.Dimension}' (allowed: queueId, mediaType).";
        if (p.Operator is not null && !p.Operator.Equals("matches", StringComparison.OrdinalIgnoreCase))
            return $"{at}: operator '{p.Operator}' is not supported (matches).";
        return string.IsNullOrEmpty(p.Value) ? $"{at}: value is required." : null;
    }
}

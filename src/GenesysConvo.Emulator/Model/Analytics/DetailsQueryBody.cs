using System.Globalization;
using System.Xml;

namespace GenesysConvo.Emulator.Model.Analytics;

// Request bodies of the details query (ConversationQuery) and details jobs (AsyncConversationQuery), field names as
// in the SDK typings. Deserialised with the emulator's JSON options: unknown fields are ignored (so the tutorial
// fields dateFrom/select/pageToken simply do not exist), a value of the wrong JSON type is a 400.

public sealed class NumericRange
{
    public double? Gt { get; set; }
    public double? Gte { get; set; }
    public double? Lt { get; set; }
    public double? Lte { get; set; }
}

/// <summary>Predicate of any of the five filter kinds (the union of their fields).</summary>
public sealed class QueryPredicate
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? Metric { get; set; }
    public string? PropertyType { get; set; }
    public string? Property { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public NumericRange? Range { get; set; }
}

public sealed class QueryClause
{
    public string? Type { get; set; }
    public List<QueryPredicate>? Predicates { get; set; }
}

public sealed class QueryFilter
{
    public string? Type { get; set; }
    public List<QueryClause>? Clauses { get; set; }
    public List<QueryPredicate>? Predicates { get; set; }
}

public sealed class QueryPaging
{
    public int? PageSize { get; set; }
    public int? PageNumber { get; set; }
}

public sealed class QueryAggregation
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? Metric { get; set; }
    public int? Size { get; set; }
    public List<NumericRange>? Ranges { get; set; }
}

public sealed class DetailsQueryBody
{
    public string? Interval { get; set; }
    public List<QueryFilter>? ConversationFilters { get; set; }
    public List<QueryFilter>? SegmentFilters { get; set; }
    public List<QueryFilter>? EvaluationFilters { get; set; }
    public List<QueryFilter>? SurveyFilters { get; set; }
    public List<QueryFilter>? ResolutionFilters { get; set; }
    public string? Order { get; set; }
    public string? OrderBy { get; set; }
    public List<QueryAggregation>? Aggregations { get; set; }
    public QueryPaging? Paging { get; set; }

    // AsyncConversationQuery only
    public int? Limit { get; set; }
    public bool? StartOfDayIntervalMatching { get; set; }

    // Control API (/__emulator/analytics/match-job) only: which availability cut-off to apply
    public string? JobId { get; set; }
    public DateTimeOffset? DataAvailabilityDate { get; set; }

    public bool HasFilters =>
        Count(ConversationFilters) + Count(SegmentFilters) + Count(EvaluationFilters) + Count(SurveyFilters) + Count(ResolutionFilters) > 0;

    private static int Count(List<QueryFilter>? filters) => filters?.Count ?? 0;
}

/// <summary>A 400 the endpoint turns into an ErrorBody.</summary>
public sealed class QueryValidationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Validated, normalised form of a details query / job body.</summary>
public sealed class ParsedDetailsQuery
{
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required CompiledFilters Filters { get; init; }
    public required string Order { get; init; }
    public required string OrderBy { get; init; }
    public required DetailsQueryBody Body { get; init; }
}

public static class DetailsQueryParser
{
    public const int MaxDaysWithoutFilters = 7;
    public const int MaxDaysWithFilters = 31;
    public const string BodyRequired = "A request body is required (ConversationQuery with at least an interval).";

    private static readonly string[] Orders = ["asc", "desc", "unordered"];
    private static readonly string[] OrderBys = ["conversationStart", "conversationEnd", "segmentStart", "segmentEnd"];

    /// <param name="enforceIntervalLimits">7 days without / 31 days with filters (sync query only).</param>
    public static ParsedDetailsQuery Parse(DetailsQueryBody body, bool enforceIntervalLimits)
    {
        var (start, end) = ParseInterval(body.Interval);
        if (enforceIntervalLimits)
        {
            var days = (end - start).TotalDays;
            var max = body.HasFilters ? MaxDaysWithFilters : MaxDaysWithoutFilters;
            if (days > max)
            {
                throw new QueryValidationException("bad.request",
                    $"Interval too long: limit is {MaxDaysWithoutFilters} days without filters, {MaxDaysWithFilters} days with filters " +
                    $"(requested {days.ToString("0.###", CultureInfo.InvariantCulture)} days" +
                    $"{(body.HasFilters ? " with filters" : " without filters")}).");
            }
        }

        var order = body.Order is null ? "asc" : OneOf(Orders, body.Order)
            ?? throw new QueryValidationException("bad.request", $"Invalid order '{body.Order}': expected one of asc, desc, unordered.");
        var orderBy = body.OrderBy is null ? "conversationStart" : OneOf(OrderBys, body.OrderBy)
            ?? throw new QueryValidationException("bad.request",
                $"Invalid orderBy '{body.OrderBy}': expected one of {string.Join(", ", OrderBys)}.");

        return new ParsedDetailsQuery
        {
            Start = start,
            End = end,
            Filters = Predicates.Compile(body),
            Order = order,
            OrderBy = orderBy,
            Body = body,
        };
    }

    private static string? OneOf(string[] allowed, string value)
        => allowed.FirstOrDefault(o => o.Equals(value, StringComparison.OrdinalIgnoreCase));

    /// <summary>"start/end" or "start/duration" or "duration/end" (ISO-8601); end must be after start.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) ParseInterval(string? interval)
    {
        if (string.IsNullOrWhiteSpace(interval))
        {
            throw new QueryValidationException("bad.request",
                "interval is required: an ISO-8601 interval \"<start>/<end>\", " +
                "e.g. \"2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z\".");
        }

        var parts = interval.Split('/');
        if (parts.Length != 2) throw InvalidDate(interval);

        DateTimeOffset start, end;
        if (TryDuration(parts[0], out var d0))
        {
            if (!TryDate(parts[1], out end)) throw InvalidDate(interval);
            start = end - d0;
        }
        else if (TryDuration(parts[1], out var d1))
        {
            if (!TryDate(parts[0], out start)) throw InvalidDate(interval);
            end = start + d1;
        }
        else if (!TryDate(parts[0], out start) || !TryDate(parts[1], out end))
        {
            throw InvalidDate(interval);
        }

        if (end <= start)
            throw new QueryValidationException("bad.request", $"Invalid interval '{interval}': the end must be after the start.");
        return (start, end);
    }

    private static QueryValidationException InvalidDate(string interval)
        => new("invalid.date", $"Invalid interval '{interval}'. Dates must be specified as ISO-8601 strings. " +
                               "For example: yyyy-MM-ddTHH:mm:ss.SSSZ/yyyy-MM-ddTHH:mm:ss.SSSZ");

    private static bool TryDate(string text, out DateTimeOffset value)
    {
        text = text.Trim();
        // A date-time is required (a bare number or word is not an ISO-8601 timestamp).
        if (text.Length < 10 || !char.IsDigit(text[0]) || text[4] != '-')
        {
            value = default;
            return false;
        }

        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, utc, out value);
    }

    private static bool TryDuration(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (!text.StartsWith('P')) return false;
        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return value > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Model.Analytics;

// Checking the filters of a details query (and the shape of an aggregates filter) before anything is evaluated.
public static partial class Predicates
{
    public static CompiledFilters Compile(DetailsQueryBody body)
    {
        var conv = Validate(body.ConversationFilters, "conversationFilters", ConversationDimensions, ConversationMetrics,
            allowProperty: false);
        var seg = Validate(body.SegmentFilters, "segmentFilters", SegmentDimensions, SegmentMetrics, allowProperty: true);
        var noData = new List<QueryFilter>();
        noData.AddRange(Validate(body.EvaluationFilters, "evaluationFilters", EvaluationDimensions, EvaluationMetrics, false));
        noData.AddRange(Validate(body.SurveyFilters, "surveyFilters", SurveyDimensions, SurveyMetrics, false));
        noData.AddRange(Validate(body.ResolutionFilters, "resolutionFilters", ResolutionDimensions, ResolutionMetrics, false));
        var key = JsonSerializer.Serialize(new { c = conv, s = seg, n = noData }, Json.Options);
        return new CompiledFilters { Conversation = conv, Segment = seg, NoData = noData, Key = key };
    }

    private static List<QueryFilter> Validate(List<QueryFilter>? filters, string field, HashSet<string> dims, HashSet<string> metrics,
        bool allowProperty)
    {
        if (filters is null) return [];
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i] ?? throw Bad($"{field}[{i}] must be an object.");
            ValidateShape(f, $"{field}[{i}]", (p, where) => ValidatePredicate(p, where, dims, metrics, allowProperty));
        }

        return filters;
    }

    /// <summary>
    /// The and/or structure every query filter has: a type, at least one clause or predicate, each clause a type and at
    /// least one predicate. Types are normalised to "and"/"or"; each predicate goes to <paramref name="validatePredicate"/>
    /// with its path (e.g. "filter.clauses[0].predicates[1]").
    /// </summary>
    public static void ValidateShape(QueryFilter f, string where, Action<QueryPredicate?, string> validatePredicate)
    {
        f.Type = AndOr(f.Type, where);
        if ((f.Predicates?.Count ?? 0) + (f.Clauses?.Count ?? 0) == 0)
            throw Bad($"{where} needs at least one predicate or clause.");
        for (var c = 0; c < (f.Clauses?.Count ?? 0); c++)
        {
            var clause = f.Clauses![c] ?? throw Bad($"{where}.clauses[{c}] must be an object.");
            clause.Type = AndOr(clause.Type, $"{where}.clauses[{c}]");
            if ((clause.Predicates?.Count ?? 0) == 0) throw Bad($"{where}.clauses[{c}] needs at least one predicate.");
            for (var p = 0; p < clause.Predicates!.Count; p++)
                validatePredicate(clause.Predicates[p], $"{where}.clauses[{c}].predicates[{p}]");
        }

        for (var p = 0; p < (f.Predicates?.Count ?? 0); p++)
            validatePredicate(f.Predicates![p], $"{where}.predicates[{p}]");
    }

    private static string AndOr(string? type, string where)
    {
        if (type is null) throw Bad($"{where}.type is required: \"and\" or \"or\".");
        if (type.Equals("and", StringComparison.OrdinalIgnoreCase)) return "and";
        if (type.Equals("or", StringComparison.OrdinalIgnoreCase)) return "or";
        throw Bad($"{where}.type '{type}' is invalid: expected \"and\" or \"or\".");
    }

    private static void ValidatePredicate(QueryPredicate? p, string where, HashSet<string> dims, HashSet<string> metrics,
        bool allowProperty)
    {
        if (p is null) throw Bad($"{where} must be an object.");
        if (p.Type is not null && !IsOneOf(p.Type, "dimension", "metric", "property"))
            throw Bad($"{where}.type '{p.Type}' is invalid: expected dimension, metric or property.");
        var op = OperatorOf(p, where);

        var kinds = (p.Dimension is null ? 0 : 1) + (p.Metric is null ? 0 : 1) + (p.Property is null ? 0 : 1);
        if (kinds != 1) throw Bad($"{where} needs exactly one of dimension, metric{(allowProperty ? ", property" : string.Empty)}.");

        if (p.Dimension is not null)
        {
            if (!dims.TryGetValue(p.Dimension, out var known)) throw Bad($"{where}: unknown dimension '{p.Dimension}'.");
            p.Dimension = known;
        }
        else if (p.Metric is not null)
        {
            if (!metrics.TryGetValue(p.Metric, out var known)) throw Bad($"{where}: unknown metric '{p.Metric}'.");
            p.Metric = known;
            if (p.Value is not null && !double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw Bad($"{where}: value '{p.Value}' of metric {p.Metric} must be a number.");
        }
        else
        {
            if (!allowProperty) throw Bad($"{where}: property predicates are only supported in segmentFilters.");
            if (p.PropertyType is not null && !IsOneOf(p.PropertyType, "bool", "integer", "real", "date", "string", "uuid"))
                throw Bad($"{where}.propertyType '{p.PropertyType}' is invalid: expected bool, integer, real, date, string or uuid.");
        }

        RequireMatchValue(p, op, where);
    }

    /// <summary>The operator is matches (also when absent), exists or notExists; matches needs a value or a range.</summary>
    public static void CheckOperator(QueryPredicate p, string where) => RequireMatchValue(p, OperatorOf(p, where), where);

    private static Op OperatorOf(QueryPredicate p, string where)
        => ParseOp(p.Operator) ?? throw Bad($"{where}.operator '{p.Operator}' is invalid: expected matches, exists or notExists.");

    private static void RequireMatchValue(QueryPredicate p, Op op, string where)
    {
        if (op == Op.Matches && p.Value is null && p.Range is null)
            throw Bad($"{where}: operator matches needs a value or a range.");
    }

    private static bool IsOneOf(string s, params string[] options) => options.Any(o => o.Equals(s, StringComparison.OrdinalIgnoreCase));

    private static QueryValidationException Bad(string message) => new("bad.request", message);
}

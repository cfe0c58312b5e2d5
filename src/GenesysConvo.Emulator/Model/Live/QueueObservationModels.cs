namespace GenesysConvo.Emulator.Model.Live;

// QueueObservationQuery / QueueObservationQueryResponse (SDK typings). Unknown request fields are ignored.

public sealed class QueueObservationQueryBody
{
    public QueueObservationFilter? Filter { get; set; }
    public List<string>? Metrics { get; set; }
    public List<string>? DetailMetrics { get; set; }
}

public sealed class QueueObservationFilter
{
    public string? Type { get; set; }
    public List<QueueObservationFilter>? Clauses { get; set; }
    public List<QueueObservationPredicate>? Predicates { get; set; }
}

public sealed class QueueObservationPredicate
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
}

public sealed class ObservationResponse
{
    public Dictionary<string, List<string>>? SystemToOrganizationMappings { get; set; }
    public List<ObservationContainer> Results { get; set; } = [];
}

public sealed class ObservationContainer
{
    public Dictionary<string, string> Group { get; set; } = new(StringComparer.Ordinal);
    public List<ObservationMetricData> Data { get; set; } = [];
}

public sealed class ObservationMetricData
{
    public string? Metric { get; set; }
    public string? Qualifier { get; set; }
    public ObservationStats Stats { get; set; } = new();
    public List<ObservationValue>? Observations { get; set; }
}

public sealed class ObservationStats
{
    public long? Count { get; set; }
    public long? CalculatedMetricValue { get; set; }
}

public sealed class ObservationValue
{
    public DateTimeOffset ObservationDate { get; set; }
    public string? ConversationId { get; set; }
    public string? SessionId { get; set; }
    public int? RoutingPriority { get; set; }
    public string? ParticipantName { get; set; }
    public string? UserId { get; set; }
    public string? Direction { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public string? AddressFrom { get; set; }
    public string? AddressTo { get; set; }
    public List<string>? RequestedRoutings { get; set; }
    public string? UsedRouting { get; set; }
}

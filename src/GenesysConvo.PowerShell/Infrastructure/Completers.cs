using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Metrics;

namespace GenesysConvo.Infrastructure;

internal static class Completions
{
    /// <summary>The names that start with what was typed so far (quotes ignored), as parameter-value completions.</summary>
    public static IEnumerable<CompletionResult> Matching(IEnumerable<string> names, string? word) =>
        names.Where(n => n.StartsWith((word ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
             .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}

// The values each closed set takes are checked in the engine, which refuses others with the list; these only complete.

/// <summary>Tab completion for -MediaType: every media type the analytics API knows.</summary>
public sealed class MediaTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(ConversationCriteria.KnownMediaTypes, wordToComplete);
}

/// <summary>Tab completion for -Direction: inbound, outbound.</summary>
public sealed class DirectionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(ConversationCriteria.KnownDirections, wordToComplete);
}

/// <summary>Tab completion for -Expand: Participant, Session, Segment.</summary>
public sealed class ExpandCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(HistorySearch.Expansions, wordToComplete);
}

/// <summary>Tab completion for -Method of Invoke-GenesysCloudRequest: GET, POST, PUT, PATCH, DELETE.</summary>
public sealed class MethodCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(RawRequest.Methods, wordToComplete);
}

/// <summary>Tab completion for -GroupBy: every dimension the aggregates API groups by.</summary>
public sealed class DimensionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(MetricCatalog.Dimensions, wordToComplete);
}

/// <summary>Tab completion for -Metric: every metric of the aggregates API.</summary>
public sealed class MetricNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(MetricCatalog.Metrics, wordToComplete);
}

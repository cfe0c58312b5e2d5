using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenesysConvo.Core.Metrics;

namespace GenesysConvo.Infrastructure
{
    /// <summary>Tab completion for -GroupBy: every dimension the aggregates API groups by.</summary>
    public sealed class DimensionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Complete(MetricCatalog.Dimensions, wordToComplete);

        internal static IEnumerable<CompletionResult> Complete(IEnumerable<string> names, string? word) =>
            names.Where(n => n.StartsWith((word ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                 .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }

    /// <summary>Tab completion for -Metric: every metric of the aggregates API.</summary>
    public sealed class MetricNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            DimensionCompleter.Complete(MetricCatalog.Metrics, wordToComplete);
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenesysConvo.Core.Analytics;

namespace GenesysConvo.Infrastructure
{
    /// <summary>Tab completion for -MediaType: every media type the analytics API knows (other values still pass).</summary>
    public sealed class MediaTypeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            HistoryCriteria.KnownMediaTypes
                .Where(m => m.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .Select(m => new CompletionResult(m, m, CompletionResultType.ParameterValue, m));
    }
}

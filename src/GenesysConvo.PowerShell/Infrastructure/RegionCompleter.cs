using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Infrastructure;

/// <summary>Tab completion for -Region: every region name the official SDKs know, with its domain as tooltip.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"');
        return GenesysRegion.All
            .Where(r => r.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || r.Domain.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(r => new CompletionResult(r.Name, r.Name, CompletionResultType.ParameterValue, $"{r.Name}: api.{r.Domain}"));
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GenesysConvo.Core.Metrics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Infrastructure;

/// <summary>Tab completion from the connected org: the names of queues, users or wrap-up codes that start with what was
/// typed, from the session of -Session (when typed) or the current one; nothing when not connected. Completion waits at
/// most <see cref="Patience"/> for the org: a slower answer is kept for the next Tab (NameCompletions).</summary>
public abstract class OrgNameCompleter : IArgumentCompleter
{
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    // A method rather than a NameKind field: PowerShell loads completer types while it imports the module, before the
    // engine's load context is set up, and a field of an engine type would need the engine then.
    private protected abstract Task<IReadOnlyList<string>> StartingWith(GenesysCloudSession session, string prefix);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquoted(wordToComplete);
        var session = SessionOf(fakeBoundParameters);
        if (session is null || !session.IsConnected || Guid.TryParse(word, out _)) return Enumerable.Empty<CompletionResult>();
        var names = StartingWith(session, word);
        try
        {
            if (!names.Wait(Patience)) return Enumerable.Empty<CompletionResult>();
        }
        catch (AggregateException)
        {
            return Enumerable.Empty<CompletionResult>();   // the org did not answer: no names to offer
        }
        return names.Result.Select(name => CompletionText.Value(name, name));
    }

    private static GenesysCloudSession? SessionOf(IDictionary? fakeBoundParameters)
    {
        var bound = fakeBoundParameters?.Contains("Session") == true ? fakeBoundParameters["Session"] : null;
        return (bound is PSObject wrapped ? wrapped.BaseObject : bound) as GenesysCloudSession ?? GenesysCloudSession.Current;
    }
}

/// <summary>Tab completion for -QueueId: queue names of the connected org.</summary>
public sealed class QueueNameCompleter : OrgNameCompleter
{
    private protected override Task<IReadOnlyList<string>> StartingWith(GenesysCloudSession session, string prefix) =>
        session.Names.Completions.StartingWithAsync(NameKind.Queue, prefix);
}

/// <summary>Tab completion for -UserId: names of the connected org's active and inactive users.</summary>
public sealed class UserNameCompleter : OrgNameCompleter
{
    private protected override Task<IReadOnlyList<string>> StartingWith(GenesysCloudSession session, string prefix) =>
        session.Names.Completions.StartingWithAsync(NameKind.User, prefix);
}

/// <summary>Tab completion for -WrapUpCode: wrap-up code names of the connected org.</summary>
public sealed class WrapUpCodeNameCompleter : OrgNameCompleter
{
    private protected override Task<IReadOnlyList<string>> StartingWith(GenesysCloudSession session, string prefix) =>
        session.Names.Completions.StartingWithAsync(NameKind.WrapUpCode, prefix);
}

/// <summary>Tab completion for -TimeZone: the zones this machine knows and UTC, matched at the start of the id or of
/// any part after a slash (London → Europe/London).</summary>
public sealed class TimeZoneCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquoted(wordToComplete);
        return TimeZones.Known()
            .Where(z => z.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || z.Id.Split('/').Skip(1).Any(part => part.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(z => z.Id, StringComparer.OrdinalIgnoreCase)
            .Select(z => CompletionText.Value(z.Id, z.DisplayName));
    }
}

/// <summary>Tab completion for -Granularity: the ISO-8601 bucket sizes reports use.</summary>
public sealed class GranularityCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = CompletionText.Unquoted(wordToComplete);
        return Granularity.Common.Where(g => g.Iso.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(g => CompletionText.Value(g.Iso, $"{g.Iso}: {g.Meaning}"));
    }
}

internal static class CompletionText
{
    // Letters, digits and a few marks PowerShell reads as part of a bare word; a dash only after the first character.
    private static readonly Regex s_bare = new Regex(@"^[\p{L}\p{N}_.@+/:][\p{L}\p{N}_.@+/:-]*$");

    /// <summary>What was typed so far, without its quotes.</summary>
    public static string Unquoted(string? word) => (word ?? "").Trim('\'', '"', '‘', '’', '“', '”');

    /// <summary>A value as it must be typed: in single quotes (any quote inside doubled) unless it is one plain word.</summary>
    public static CompletionResult Value(string value, string toolTip)
    {
        var text = s_bare.IsMatch(value) ? value : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
        return new CompletionResult(text, value, CompletionResultType.ParameterValue, toolTip);
    }
}

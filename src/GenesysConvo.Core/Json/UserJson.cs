using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenesysConvo.Core.Json;

/// <summary>JSON a user typed into a parameter (-Filter, -Query). Text that is not JSON gets an error that names the
/// parameter, what it takes and an example, instead of the parser's own wording.</summary>
public static class UserJson
{
    /// <param name="parameter">The parameter, as the user typed it: -Filter.</param>
    /// <param name="expected">What it takes, in a few words: "filters in the API's ConversationQuery structure".</param>
    /// <param name="example">A value that works, in PowerShell: @{ … }.</param>
    public static JsonNode? Parse(string json, string parameter, string expected, string example)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            // The position helps in a long JSON text; the parser's own sentence ("'q' is an invalid start of a value") does not.
            var where = e.LineNumber is { } line && e.BytePositionInLine is { } position
                ? $" (it stops being JSON at line {line + 1}, character {position + 1})"
                : "";
            throw new ArgumentException(
                $"{parameter} takes {expected}, as a hashtable or its JSON text, but the text given is not valid JSON{where}. " +
                $"For example: {parameter} {example}");
        }
    }
}

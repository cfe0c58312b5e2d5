using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Http;

/// <summary>Checks on response bodies that must be JSON, without reading them into objects.</summary>
internal static class JsonBodies
{
    private const int ExcerptLength = 120;

    /// <summary>One complete JSON value and nothing after it; an empty body is not one.</summary>
    public static bool IsWellFormed(ReadOnlySequence<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The first characters of a body for an error message: token fields masked, control characters dropped.</summary>
    public static string Excerpt(ReadOnlySequence<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Slice(0, Math.Min(body.Length, ExcerptLength * 4)).ToArray());
        var clean = new string(Redaction.RedactJson(text).Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= ExcerptLength ? clean : clean.Substring(0, ExcerptLength) + "…";
    }
}

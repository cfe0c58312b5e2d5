using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace GenesysConvo.Core.Conversations.Export;

public enum ExportFormat
{
    Csv,
    JsonLines,
}

/// <summary>The file an export writes. Rows go to a temporary file beside the target ("name.partial"), which takes the
/// target's name only when the export is complete, so a failed run never leaves a file under the final name. CSV:
/// UTF-8 with a byte-order mark (Excel reads it right), every field quoted, CRLF; JSON Lines: one object per line.</summary>
public sealed class RecordFile : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly FileStream _stream;
    private readonly ExportFormat _format;
    private static readonly byte[] s_byteOrderMark = { 0xEF, 0xBB, 0xBF };
    private readonly Utf8JsonWriter? _json;
    private readonly RecordColumns _columns;

    private RecordFile(string path, Type rowType, FileStream stream)
    {
        Path = path;
        _format = FormatOf(path);
        _columns = RecordColumns.Of(rowType);
        _stream = stream;
        if (_format == ExportFormat.JsonLines) _json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Where the file goes when it is complete.</summary>
    public string Path { get; }
    public string TemporaryPath => PartialPathOf(Path);
    /// <summary>Bytes written and flushed to disk so far.</summary>
    public long Length { get; private set; }

    public static string PartialPathOf(string path) => path + ".partial";

    public static ExportFormat FormatOf(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ExportFormat.Csv,
            ".jsonl" or ".ndjson" => ExportFormat.JsonLines,
            _ => throw new ArgumentException($"'{System.IO.Path.GetFileName(path)}': give -Path a .csv file (one row per record) " +
                                             "or a .jsonl file " +
                                             "(one JSON object per line)."),
        };

    /// <summary>A new temporary file for rows of <paramref name="rowType"/> (an older one of the same name is replaced);
    /// a CSV starts with its header row.</summary>
    public static RecordFile Create(string path, Type rowType)
    {
        var file = new RecordFile(path, rowType, new FileStream(PartialPathOf(path), FileMode.Create, FileAccess.Write, FileShare.Read));
        if (file._format == ExportFormat.Csv)
        {
            file.WriteBytes(s_byteOrderMark);
            file.WriteLine(file._columns.Names);
        }
        return file;
    }

    /// <summary>The temporary file of an earlier run, cut back to the length its checkpoint recorded: what was written
    /// after the last checkpoint is written again.</summary>
    public static RecordFile Resume(string path, Type rowType, long length)
    {
        var partial = PartialPathOf(path);
        if (!File.Exists(partial) || new FileInfo(partial).Length < length)
            throw new InvalidOperationException($"The checkpoint continues '{partial}', but that file is missing or shorter than " +
                                                "the checkpoint " +
                                                $"says ({length} bytes). Remove the checkpoint file to export again from the start.");
        var stream = new FileStream(partial, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Seek(length, SeekOrigin.Begin);
        return new RecordFile(path, rowType, stream) { Length = length };
    }

    public void Write(object row)
    {
        if (_format == ExportFormat.JsonLines)
        {
            _columns.WriteJson(_json!, row);
            _json!.Flush();
            _stream.WriteByte((byte)'\n');
            _json.Reset(_stream);
            return;
        }
        WriteLine(_columns.TextValues(row));
    }

    /// <summary>Everything written is on disk; returns the length the next checkpoint records.</summary>
    public long Flush()
    {
        _stream.Flush(flushToDisk: true);
        return Length = _stream.Length;
    }

    /// <summary>Gives the complete file its name (replacing an older file there).</summary>
    public void Commit()
    {
        Flush();
        _stream.Dispose();
#if NET
        File.Move(TemporaryPath, Path, overwrite: true);
#else
        if (File.Exists(Path)) File.Replace(TemporaryPath, Path, null);
        else File.Move(TemporaryPath, Path);
#endif
    }

    /// <summary>Closes the file without giving it its name (it stays for a resumed run, or is deleted by the caller).</summary>
    public void Dispose()
    {
        _json?.Dispose();
        _stream.Dispose();
    }

    private void WriteLine(System.Collections.Generic.IEnumerable<string?> fields) =>
        WriteBytes(s_utf8.GetBytes(string.Join(",", fields.Select(Quote)) + "\r\n"));

    private void WriteBytes(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);

    private static string Quote(string? field) => field is null ? "" : "\"" + field.Replace("\"", "\"\"") + "\"";
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace GenesysConvo.Core.Conversations.Export;

/// <summary>A checkpoint file: a journal of JSON lines. The first line is the whole state; each flushed page appends a
/// line with what it added (so a page costs what it wrote, not the whole state); when a unit ends the file is rewritten
/// as one state line, atomically. A line cut by a crash is ignored: the rows after the last whole line are written again.</summary>
public sealed class ExportCheckpoint
{
    private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public ExportCheckpoint(string path) => Path = path;

    public string Path { get; }

    /// <summary>The state the file holds, with every whole page line applied; null when there is no file.</summary>
    public ExportState? Load()
    {
        if (!File.Exists(Path)) return null;
        ExportState? state = null;
        foreach (var text in File.ReadAllLines(Path, s_utf8).Where(l => l.Length > 0))
        {
            ExportJournalLine? line;
            try { line = JsonSerializer.Deserialize(text, ExportJson.Default.ExportJournalLine); }
            catch (JsonException) { break; }   // a line cut short by a crash: the journal ends before it
            if (line?.State is { } whole) state = whole;
            else if (line?.Page is { } page && state?.Run is { } run) Apply(run, page);
        }
        return state ?? throw new InvalidOperationException(
            $"'{Path}' is not a GenesysConvo export checkpoint. Give -CheckpointPath a file of its own, or remove this one.");
    }

    /// <summary>Rewrites the file as the whole state (through a temporary file, so it is never half written).</summary>
    public void Save(ExportState state)
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, Serialize(new ExportJournalLine { State = state }) + "\n", s_utf8);
#if NET
        File.Move(temporary, Path, overwrite: true);
#else
        if (File.Exists(Path)) File.Replace(temporary, Path, null);
        else File.Move(temporary, Path);
#endif
    }

    /// <summary>Appends what a page added, once its rows are on disk.</summary>
    public void Append(ExportPageRecord page)
    {
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = s_utf8.GetBytes(Serialize(new ExportJournalLine { Page = page }) + "\n");
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(flushToDisk: true);
    }

    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }

    public static void Apply(ExportRun run, ExportPageRecord page)
    {
        run.GivenInUnit.AddRange(page.Given);
        run.LateFromJobs.AddRange(page.LateFromJobs);
        run.RecheckWritten.AddRange(page.RecheckWritten);
        foreach (var open in page.StillOpen)
            if (!run.StillOpen.Any(o => o.Id == open.Id)) run.StillOpen.Add(open);
        run.Bytes = page.Bytes;
        run.Rows = page.Rows;
        run.Conversations = page.Conversations;
    }

    private static string Serialize(ExportJournalLine line) => JsonSerializer.Serialize(line, ExportJson.Default.ExportJournalLine);
}

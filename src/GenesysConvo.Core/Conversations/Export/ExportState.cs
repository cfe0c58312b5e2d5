using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenesysConvo.Core.Conversations.Export;

/// <summary>What a checkpoint file keeps: which export it belongs to, the run in progress (if any), and for incremental
/// exports where the last complete run ended and which conversations it left open.</summary>
public sealed class ExportState
{
    public int Version { get; set; } = 1;
    /// <summary>What was asked (filters, query, rows, file, and the window unless incremental): a checkpoint continues only
    /// the export it was made by.</summary>
    public string Fingerprint { get; set; } = "";
    public ExportRun? Run { get; set; }
    /// <summary>Incremental: the end of the last complete run's window; the next run starts there.</summary>
    public DateTimeOffset? CompletedThrough { get; set; }
    /// <summary>Incremental: conversations that were still open at the last run, exported once they have ended.</summary>
    public List<PendingConversation> Pending { get; set; } = new List<PendingConversation>();
}

/// <summary>A run in progress, as of its last flushed page.</summary>
public sealed class ExportRun
{
    /// <summary>The file the run writes (full path). An incremental run continued by the next scheduled run, which names
    /// its own file, moves the partial rows there.</summary>
    public string Path { get; set; } = "";
    /// <summary>The run's window (fixed: a resumed run reads the same one).</summary>
    public string Window { get; set; } = "";
    public bool RecheckDone { get; set; }
    /// <summary>The open conversations of the last run this run checks again (incremental).</summary>
    public List<PendingConversation> Recheck { get; set; } = new List<PendingConversation>();
    public List<string> RecheckWritten { get; set; } = new List<string>();
    public bool Planned { get; set; }
    public DateTimeOffset? Availability { get; set; }
    public int Unit { get; set; }
    /// <summary>Every conversation of the unit that started before this has been written (its slices were read to the end).</summary>
    public DateTimeOffset? UnitDoneUntil { get; set; }
    /// <summary>Ids written in the unit that may come again: those that started at or after <see cref="UnitDoneUntil"/>.</summary>
    public List<string> GivenInUnit { get; set; } = new List<string>();
    public List<string> LateFromJobs { get; set; } = new List<string>();
    /// <summary>Conversations this run found still open (incremental): the next run's pending list.</summary>
    public List<PendingConversation> StillOpen { get; set; } = new List<PendingConversation>();
    /// <summary>Length of the partial file that holds every row written so far.</summary>
    public long Bytes { get; set; }
    public long Rows { get; set; }
    public long Conversations { get; set; }
    public int Resumes { get; set; }
}

public sealed class PendingConversation
{
    public string Id { get; set; } = "";
    public DateTimeOffset Start { get; set; }
}

/// <summary>What one flushed page adds to a run (a line of the checkpoint's journal).</summary>
public sealed class ExportPageRecord
{
    public List<string> Given { get; set; } = new List<string>();
    public List<string> LateFromJobs { get; set; } = new List<string>();
    public List<PendingConversation> StillOpen { get; set; } = new List<PendingConversation>();
    public List<string> RecheckWritten { get; set; } = new List<string>();
    public long Bytes { get; set; }
    public long Rows { get; set; }
    public long Conversations { get; set; }
}

/// <summary>One line of a checkpoint file: the whole state (written at the start and whenever a unit ends), or a page.</summary>
public sealed class ExportJournalLine
{
    public ExportState? State { get; set; }
    public ExportPageRecord? Page { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExportJournalLine))]
internal sealed partial class ExportJson : JsonSerializerContext
{
}

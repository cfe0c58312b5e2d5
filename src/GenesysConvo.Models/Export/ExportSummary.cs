using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GenesysConvo;

/// <summary>What Export-GenesysConversationHistory did: the file it completed, what went into it, what is still open
/// and will be exported by a later incremental run, and what it took.</summary>
public sealed class ExportSummary
{
    /// <summary>The complete file (written under this name only once the export had everything).</summary>
    public string Path { get; set; } = "";
    /// <summary>Csv or JsonLines.</summary>
    public string Format { get; set; } = "";
    /// <summary>The window read: conversations that started in it.</summary>
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    /// <summary>Rows in the file (one per conversation, or per participant, session or segment with -Expand).</summary>
    public long Rows { get; set; }
    public long Conversations { get; set; }
    /// <summary>Incremental: conversations still open, exported by a later run once they have ended.</summary>
    public int Pending { get; set; }
    /// <summary>How many parts (query slices, jobs) the window was read in.</summary>
    public int Slices { get; set; }
    public long Requests { get; set; }
    public long Retries { get; set; }
    /// <summary>How many times this export was continued from its checkpoint after a failure.</summary>
    public int Resumes { get; set; }
    public TimeSpan Elapsed { get; set; }

    /// <summary>The ids of the conversations still open.</summary>
    [Hidden]
    public List<string> PendingConversationIds { get; set; } = new List<string>();
}

using System;
using System.Collections.Generic;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Where a details read stands between two pages, so another run can continue there: the unit it is in, the
/// conversation ids it has already given in that unit (a resumed unit is read again from its start, a job unit by a new
/// job, and these are not given twice), and the ids of late conversations the jobs gave (open, or ended after the
/// availability date: the late-conversations query does not give them again).</summary>
public sealed class DetailsPosition
{
    /// <summary>The plan was made (the seam below is the one it used; null when it reads no jobs).</summary>
    public bool Planned { get; set; }
    /// <summary>The datalake's availability date the plan was made with (null when it reads no jobs).</summary>
    public DateTimeOffset? Availability { get; set; }
    public int Unit { get; set; }
    public ConversationIdSet GivenInUnit { get; set; } = new ConversationIdSet();
    public HashSet<string> LateFromJobs { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Moves to the next unit.</summary>
    public void FinishUnit()
    {
        Unit++;
        GivenInUnit.Clear();
    }
}

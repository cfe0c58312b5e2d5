using System;
using System.Collections.Generic;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Where a details read stands between two pages, so another run can continue there: the unit it is in, the
/// conversation ids it has already given in that unit (a resumed unit is read again from its start, a job unit by a new
/// job, and these are not given twice), and the ids of open conversations the jobs gave (the open-conversations query
/// does not give them again).</summary>
public sealed class DetailsPosition
{
    /// <summary>The plan was made (the seam below is the one it used; null when it reads no jobs).</summary>
    public bool Planned { get; set; }
    public DateTimeOffset? Seam { get; set; }
    public int Unit { get; set; }
    public HashSet<string> GivenInUnit { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> OpenFromJobs { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Moves to the next unit.</summary>
    public void FinishUnit()
    {
        Unit++;
        GivenInUnit.Clear();
    }
}

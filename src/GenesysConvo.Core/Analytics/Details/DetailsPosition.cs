using System;
using System.Collections.Generic;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Where a details read stands between two pages, so another run can continue there: the unit it is in, how
/// far into the unit every conversation has been given (the slices read to their end), the conversation ids it has
/// given after that (a resumed unit is read again from there, a job unit by a new job, and these are not given twice),
/// and the ids of late conversations the jobs gave (open, or ended after the availability date: the late-conversations
/// query does not give them again).</summary>
public sealed class DetailsPosition
{
    /// <summary>The plan was made (the seam below is the one it used; null when it reads no jobs).</summary>
    public bool Planned { get; set; }
    /// <summary>The datalake's availability date the plan was made with (null when it reads no jobs).</summary>
    public DateTimeOffset? Availability { get; set; }
    public int Unit { get; set; }
    /// <summary>Every conversation of the unit that started before this has been given (null: none is known to be).</summary>
    public DateTimeOffset? UnitDoneUntil { get; set; }
    /// <summary>Ids given in the unit that started at or after <see cref="UnitDoneUntil"/> (or whose start is not known).</summary>
    public ConversationIdSet GivenInUnit { get; set; } = new ConversationIdSet();
    public HashSet<string> LateFromJobs { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A slice of the unit has been read to its end: what started before its end cannot come again.</summary>
    public void FinishSlice(DateTimeOffset end)
    {
        UnitDoneUntil = end;
        GivenInUnit.ForgetStartedBefore(end);
    }

    /// <summary>Moves to the next unit.</summary>
    public void FinishUnit()
    {
        Unit++;
        UnitDoneUntil = null;
        GivenInUnit.Clear();
    }
}

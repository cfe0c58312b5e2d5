using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Conversation ids, compared as the API compares them (ignoring case), held compactly and each with its start,
/// so that those that can no longer come again can be let go: a unit of a long window gives hundreds of thousands, and
/// as strings they were most of what a long search kept alive (about 120 bytes an id, every one promoted to the oldest
/// generation). An id in the API's GUID form is held as a <see cref="Guid"/>; any other id as its string. An id added
/// without its start (one an earlier run gave) is kept until the set is cleared.</summary>
public sealed class ConversationIdSet : ICollection<string>
{
    private const long StartUnknown = long.MaxValue;
    private const int MostExpected = 1_000_000;
    // Values: the start's UTC ticks.
    private Dictionary<Guid, long> _guids = new Dictionary<Guid, long>();
    private Dictionary<string, long> _others = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

    public ConversationIdSet()
    {
    }

    public ConversationIdSet(IEnumerable<string> ids)
    {
        foreach (var id in ids) Add(id);
    }

    public int Count => _guids.Count + _others.Count;

    bool ICollection<string>.IsReadOnly => false;

    /// <summary>Adds the id of a conversation that started at <paramref name="start"/>; false when it was there already.</summary>
    public bool Add(string id, DateTimeOffset start) => Add(id, start.UtcTicks);

    /// <summary>Adds an id whose start is not known (kept until <see cref="Clear"/>); false when it was there already.</summary>
    public bool Add(string id) => Add(id, StartUnknown);

    void ICollection<string>.Add(string item) => Add(item);

    public bool Contains(string item) => AsGuid(item) is { } guid ? _guids.ContainsKey(guid) : _others.ContainsKey(item);

    public bool Remove(string item) => AsGuid(item) is { } guid ? _guids.Remove(guid) : _others.Remove(item);

    /// <summary>Lets go of the ids of conversations that started before <paramref name="instant"/> (their part of the
    /// window is read to its end: they cannot come again), and of the room they took.</summary>
    public void ForgetStartedBefore(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        _guids = _guids.Where(e => e.Value >= ticks).ToDictionary(e => e.Key, e => e.Value);
        _others = _others.Where(e => e.Value >= ticks).ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Makes room for about <paramref name="more"/> ids at once (the count the API gave for a slice): the set
    /// does not grow by doubling through copies the size of everything given so far. A count past a million is taken
    /// as a million: it is only a hint.</summary>
    public void ExpectMore(long more)
    {
#if NET
        _guids.EnsureCapacity(Count + (int)Math.Min(Math.Max(more, 0), MostExpected));
#endif
    }

    public void Clear()
    {
        _guids.Clear();
        _others.Clear();
    }

    public void CopyTo(string[] array, int arrayIndex)
    {
        foreach (var id in this) array[arrayIndex++] = id;
    }

    /// <summary>The ids; one in GUID form comes back in lower case.</summary>
    public IEnumerator<string> GetEnumerator() => _guids.Keys.Select(g => g.ToString("D")).Concat(_others.Keys).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool Add(string id, long startTicks)
    {
        if (AsGuid(id) is { } guid)
        {
            if (_guids.ContainsKey(guid)) return false;
            _guids.Add(guid, startTicks);
            return true;
        }
        if (_others.ContainsKey(id)) return false;
        _others.Add(id, startTicks);
        return true;
    }

    // Only the exact 36-character form: any other spelling stays a string, so two ids are the same exactly when they are
    // equal ignoring case.
    private static Guid? AsGuid(string id) => id.Length == 36 && Guid.TryParseExact(id, "D", out var guid) ? guid : (Guid?)null;
}

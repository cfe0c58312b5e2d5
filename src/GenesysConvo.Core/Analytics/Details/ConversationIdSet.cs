using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Conversation ids, compared as the API compares them (ignoring case), held compactly: a unit of a long window
/// gives hundreds of thousands, and as strings they were most of what a long search kept alive (about 120 bytes an id,
/// and every one of them promoted to the oldest generation). An id in the API's GUID form is held as a
/// <see cref="Guid"/> (about 28 bytes); any other id as its string.</summary>
public sealed class ConversationIdSet : ICollection<string>
{
    private readonly HashSet<Guid> _guids = new HashSet<Guid>();
    private readonly HashSet<string> _others = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public ConversationIdSet()
    {
    }

    public ConversationIdSet(IEnumerable<string> ids)
    {
        foreach (var id in ids) Add(id);
    }

    public int Count => _guids.Count + _others.Count;

    bool ICollection<string>.IsReadOnly => false;

    /// <summary>Adds the id; false when it was there already.</summary>
    public bool Add(string id) => AsGuid(id) is { } guid ? _guids.Add(guid) : _others.Add(id);

    void ICollection<string>.Add(string item) => Add(item);

    /// <summary>Makes room for about <paramref name="more"/> ids at once (the count the API gave for a slice): the set
    /// does not grow by doubling through copies the size of everything given so far. A count past a million is taken
    /// as a million: it is only a hint.</summary>
    public void ExpectMore(long more)
    {
#if NET
        _guids.EnsureCapacity(Count + (int)Math.Min(Math.Max(more, 0), MostExpected));
#endif
    }

    private const int MostExpected = 1_000_000;

    public bool Contains(string item) => AsGuid(item) is { } guid ? _guids.Contains(guid) : _others.Contains(item);

    public bool Remove(string item) => AsGuid(item) is { } guid ? _guids.Remove(guid) : _others.Remove(item);

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
    public IEnumerator<string> GetEnumerator() => _guids.Select(g => g.ToString("D")).Concat(_others).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Only the exact 36-character form: any other spelling stays a string, so two ids are the same exactly when they are
    // equal ignoring case.
    private static Guid? AsGuid(string id) => id.Length == 36 && Guid.TryParseExact(id, "D", out var guid) ? guid : (Guid?)null;
}

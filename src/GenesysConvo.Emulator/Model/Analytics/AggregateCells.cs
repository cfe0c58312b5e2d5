namespace GenesysConvo.Emulator.Model.Analytics;

/// <summary>
/// The accumulators of one aggregates query: per (group, bucket) cell one slot per requested metric, then one per view.
/// Groups are numbered in order of first appearance; <see cref="GroupsInOrder"/> sorts them by their dimension values.
/// </summary>
public sealed class AggregateCells
{
    public sealed class Acc
    {
        public long Count, Sum, Min = long.MaxValue, Max = long.MinValue, Numerator;

        public void Add(long value, bool numerator = false)
        {
            Count++;
            Sum += value;
            if (value < Min) Min = value;
            if (value > Max) Max = value;
            if (numerator) Numerator++;
        }
    }

    private readonly ParsedAggregateQuery _q;
    private readonly Dictionary<string, int> _metricSlot = new(StringComparer.Ordinal);
    private readonly int _slots;
    private readonly bool _serviceLevel;
    private readonly int _serviceLevelSlot;
    private readonly Dictionary<string, int> _groupIds = new(StringComparer.Ordinal);
    private readonly List<(string Key, Dictionary<string, string> Group)> _groups = [];
    private readonly Dictionary<EmissionSource, int[]> _groupsOfSource = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<long, Acc?[]> _cells = []; // groupId * buckets + bucket → slots

    public AggregateCells(ParsedAggregateQuery q)
    {
        _q = q;
        for (var i = 0; i < q.Metrics.Count; i++) _metricSlot[q.Metrics[i]] = i;
        _slots = q.Metrics.Count + q.Views.Count;
        _serviceLevel = _metricSlot.TryGetValue("oServiceLevel", out _serviceLevelSlot);
        Wanted = new HashSet<string>(q.Metrics, StringComparer.Ordinal);
        foreach (var v in q.Views) Wanted.Add(v.Target!);
        if (_serviceLevel) Wanted.Add("tAcd");
    }

    /// <summary>The emissions that feed a metric or view (tAcd also feeds oServiceLevel).</summary>
    public HashSet<string> Wanted { get; }

    public void Add(MetricEmission e)
    {
        var bucket = _q.Buckets.IndexOf(e.EmitDate);
        if (bucket < 0) return;
        var slot = _metricSlot.TryGetValue(e.Name, out var ms) ? ms : -1;
        foreach (var id in GroupIdsOf(e.Source))
        {
            var cellKey = (long)id * _q.Buckets.Count + bucket;
            if (!_cells.TryGetValue(cellKey, out var accs)) _cells[cellKey] = accs = new Acc?[_slots];
            if (slot >= 0) (accs[slot] ??= new Acc()).Add(e.Value);
            if (_serviceLevel && e.Name == "tAcd")
            {
                var within = !e.Source.Abandoned && e.Value <= ConversationAggregates.ServiceLevel.ThresholdMs(e.Source.MediaType);
                (accs[_serviceLevelSlot] ??= new Acc()).Add(1, within);
            }

            for (var v = 0; v < _q.Views.Count; v++)
            {
                var view = _q.Views[v];
                if (view.Target != e.Name) continue;
                if ((view.Range!.Gte is { } gte && e.Value < gte) || (view.Range.Lt is { } lt && e.Value >= lt)) continue;
                (accs[_q.Metrics.Count + v] ??= new Acc()).Add(e.Value);
            }
        }
    }

    /// <summary>The slots of one cell, or null when nothing was counted there.</summary>
    public Acc?[]? At(int groupId, int bucket) => _cells.GetValueOrDefault((long)groupId * _q.Buckets.Count + bucket);

    public IEnumerable<(int Id, Dictionary<string, string> Group)> GroupsInOrder()
        => Enumerable.Range(0, _groups.Count).OrderBy(i => _groups[i].Key, StringComparer.Ordinal).Select(i => (i, _groups[i].Group));

    private int[] GroupIdsOf(EmissionSource source)
    {
        if (_groupsOfSource.TryGetValue(source, out var ids)) return ids;
        ids = GroupsOf(source, _q).Select(g =>
        {
            if (_groupIds.TryGetValue(g.Key, out var id)) return id;
            _groupIds[g.Key] = id = _groups.Count;
            _groups.Add(g);
            return id;
        }).ToArray();
        _groupsOfSource[source] = ids;
        return ids;
    }

    /// <summary>
    /// The groups one emission counts in: per groupBy dimension its values; a dimension without value is left out of
    /// the group; a multi-valued one (divisionId, requestedRouting) puts the emission in one group per value, or —
    /// with flattenMultivaluedDimensions — in one group whose value is the values joined with ",".
    /// </summary>
    private static List<(string Key, Dictionary<string, string> Group)> GroupsOf(EmissionSource s, ParsedAggregateQuery q)
    {
        var combos = new List<List<(string Dim, string Value)>> { new() };
        foreach (var dim in q.GroupBy)
        {
            var values = s.Dimension(dim);
            if (values.Length == 0) continue;
            if (q.Flatten && values.Length > 1) values = [string.Join(",", values)];
            var next = new List<List<(string, string)>>();
            foreach (var combo in combos)
                foreach (var v in values.Distinct(StringComparer.Ordinal))
                    next.Add([.. combo, (dim, v)]);
            combos = next;
        }

        return combos.Select(c => (
            string.Join("\u001f", c.Select(x => x.Dim + "=" + x.Value)),
            c.ToDictionary(x => x.Dim, x => x.Value, StringComparer.Ordinal))).ToList();
    }
}

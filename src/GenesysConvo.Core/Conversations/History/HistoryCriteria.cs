using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.History;

/// <summary>A history search's parameters: the shared criteria, whether conversations still in progress count, and the
/// API's own -Filter and -Query, turned into the details query at the level the API defines each filter.</summary>
public sealed class HistoryCriteria : ConversationCriteria
{
    /// <summary>Also return conversations still in progress (no conversationEnd filter is added).</summary>
    public bool IncludeActive { get; set; }
    /// <summary>Extra filters in the API's structure, as JSON keyed by filter kind (-Filter).</summary>
    public string? FilterJson { get; set; }
    /// <summary>A whole ConversationQuery body (-Query).</summary>
    public string? QueryJson { get; set; }

    /// <summary>What was asked, in a form that does not change with how the module builds its queries: a checkpoint made
    /// by one version of the module is continued by the next as long as the same filters are asked for.</summary>
    public string Describe() => string.Join("|", new[]
    {
        Joined(Queues), Joined(Users), Joined(WrapUpCodes), Joined(MediaTypes), Joined(Directions), Joined(DivisionIds), Joined(Anis),
        Joined(Dnises), Joined(ConversationIds), MinimumDuration?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        IncludeActive ? "active" : "", FilterJson ?? "", QueryJson ?? "",
    });

    private static string Joined(System.Collections.Generic.IEnumerable<string> values) =>
        string.Join(",", System.Linq.Enumerable.OrderBy(values, v => v, System.StringComparer.OrdinalIgnoreCase));

    /// <summary>Checks everything that can be checked without the API (throws ArgumentException naming the fix), and
    /// returns the query; names still need <see cref="BuildAsync"/>.</summary>
    public DetailsQuery Validate()
    {
        var query = QueryJson is null ? DetailsQuery.Empty() : DetailsQuery.FromJson(QueryJson);
        if (FilterJson != null) query.AddFilters(FilterJson);
        CheckValues();
        return query;
    }

    /// <summary>The query with the parameter filters added, queue, user and wrap-up code names resolved to ids.</summary>
    public async Task<DetailsQuery> BuildAsync(NameResolver names, CancellationToken cancellationToken) =>
        WithParameterFilters(Validate(), await ResolveAsync(names, cancellationToken).ConfigureAwait(false));

    /// <summary>The query <see cref="BuildAsync"/> makes, without a request: names stay as given instead of ids, so the
    /// filters, and with them the slices the API accepts, are the same.</summary>
    public DetailsQuery Shape() => WithParameterFilters(Validate(), Unresolved());

    private DetailsQuery WithParameterFilters(DetailsQuery query, ResolvedCriteria resolved)
    {
        query.Add(DetailsFilterKind.Conversation, resolved.ConversationFilters());
        if (!IncludeActive) query.Add(DetailsFilterKind.Conversation, QueryFilters.AllOf(QueryFilters.Exists("conversationEnd")));
        query.Add(DetailsFilterKind.Segment, resolved.SegmentFilters());
        return query;
    }
}

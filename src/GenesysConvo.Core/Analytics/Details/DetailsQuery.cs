using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Where a details-query filter applies.</summary>
public enum DetailsFilterKind
{
    Conversation,
    Segment,
    Evaluation,
    Survey,
    Resolution,
}

/// <summary>What a details search asks the API, without interval and paging (the engine owns those): the caller's
/// -Query body and -Filter, checked, plus the filters the module adds from parameters.</summary>
public sealed class DetailsQuery
{
    private readonly ConversationQuery _body;

    private DetailsQuery(ConversationQuery body) => _body = body;

    public static DetailsQuery Empty() => new DetailsQuery(new ConversationQuery());

    /// <summary>A whole ConversationQuery body given by the user (-Query), checked first.</summary>
    public static DetailsQuery FromJson(string json, string source = "-Query")
    {
        var body = DetailsQueryValidation.CheckBody(json, source);
        return new DetailsQuery(body.Deserialize(ApiJson.Default.ConversationQuery) ?? new ConversationQuery());
    }

    /// <summary>The interval the body carries, if any (-Query with its own interval).</summary>
    public TimeWindow? Interval => string.IsNullOrEmpty(_body.Interval) ? (TimeWindow?)null : TimeWindow.Parse(_body.Interval);

    public bool HasFilters => Kinds().Any(k => Filters(k) is { Count: > 0 });

    /// <summary>Adds filters given in the API's own structure, keyed by kind (-Filter), after the ones already there.</summary>
    public void AddFilters(string json, string source = "-Filter")
    {
        var byKind = DetailsQueryValidation.CheckFiltersByKind(json, source);
        foreach (var property in byKind)
        {
            var kind = KindOf(property.Key);
            var filters = property.Value.Deserialize(ApiJson.Default.ListQueryFilter) ?? new List<QueryFilter>();
            foreach (var filter in filters) Add(kind, filter);
        }
    }

    /// <summary>Adds one filter; filters of one kind are ANDed by the API. A null filter (a parameter without values) adds
    /// nothing.</summary>
    public void Add(DetailsFilterKind kind, QueryFilter? filter)
    {
        if (filter is null) return;
        var list = Filters(kind);
        if (list is null) SetFilters(kind, list = new List<QueryFilter>());
        list.Add(filter);
    }

    public void Add(DetailsFilterKind kind, IEnumerable<QueryFilter?> filters)
    {
        foreach (var filter in filters) Add(kind, filter);
    }

    public DetailsQuery Clone() => new DetailsQuery(Copy(_body));

    /// <summary>The body of one page of the synchronous query (no page size: no paging of the module's own).</summary>
    public ConversationQuery ForPage(TimeWindow interval, int? pageSize, int pageNumber = 1)
    {
        // The filter lists are shared with the query: a page's body is written out at once and never changed.
        var body = new ConversationQuery { Aggregations = _body.Aggregations };
        body.CopyFiltersAndOrderFrom(_body);
        body.Interval = interval.ToInterval();
        if (pageSize is { } size) body.Paging = new PagingSpec { PageSize = size, PageNumber = pageNumber };
        body.Order ??= "asc";
        body.OrderBy ??= "conversationStart";
        return body;
    }

    /// <summary>The body of a details job: the same filters and order, no paging or aggregations (jobs take neither).</summary>
    public AsyncConversationQuery ForJob(TimeWindow interval)
    {
        var body = new AsyncConversationQuery();
        body.CopyFiltersAndOrderFrom(_body);
        body.Order ??= "asc";
        body.OrderBy ??= "conversationStart";
        body.Interval = interval.ToInterval();
        return body;
    }

    private List<QueryFilter>? Filters(DetailsFilterKind kind) => kind switch
    {
        DetailsFilterKind.Conversation => _body.ConversationFilters,
        DetailsFilterKind.Segment => _body.SegmentFilters,
        DetailsFilterKind.Evaluation => _body.EvaluationFilters,
        DetailsFilterKind.Survey => _body.SurveyFilters,
        _ => _body.ResolutionFilters,
    };

    private void SetFilters(DetailsFilterKind kind, List<QueryFilter> filters)
    {
        switch (kind)
        {
            case DetailsFilterKind.Conversation: _body.ConversationFilters = filters; break;
            case DetailsFilterKind.Segment: _body.SegmentFilters = filters; break;
            case DetailsFilterKind.Evaluation: _body.EvaluationFilters = filters; break;
            case DetailsFilterKind.Survey: _body.SurveyFilters = filters; break;
            default: _body.ResolutionFilters = filters; break;
        }
    }

    private static IEnumerable<DetailsFilterKind> Kinds() => (DetailsFilterKind[])Enum.GetValues(typeof(DetailsFilterKind));

    private static DetailsFilterKind KindOf(string property) =>
        (DetailsFilterKind)Array.IndexOf(DetailsQueryValidation.FilterKinds, property);

    private static ConversationQuery Copy(ConversationQuery body) =>
        JsonSerializer.Deserialize(
            JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.ConversationQuery), ApiJson.Default.ConversationQuery)!;
}

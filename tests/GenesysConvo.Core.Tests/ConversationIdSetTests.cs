using System.Text.Json;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class ConversationIdSetTests
{
    private const string Lower = "0b3a8e5e-6a2c-4f6d-9d7e-1c2b3a4d5e6f";

    [Fact]
    public void A_GUID_form_id_is_the_same_id_in_any_case()
    {
        var set = new ConversationIdSet();
        Assert.True(set.Add(Lower));
        Assert.False(set.Add(Lower.ToUpperInvariant()));
        // The set's own Contains (xunit's Assert.Contains would compare the enumerated lower-case ids ordinally).
        var found = set.Contains(Lower.ToUpperInvariant());
        Assert.True(found);
        Assert.Single(set);
    }

    [Theory]
    [InlineData("conversation-7")]
    [InlineData("{0b3a8e5e-6a2c-4f6d-9d7e-1c2b3a4d5e6f}")]
    [InlineData("0b3a8e5e6a2c4f6d9d7e1c2b3a4d5e6f")]
    public void Other_ids_compare_as_strings_ignoring_case(string id)
    {
        var set = new ConversationIdSet { Lower };
        Assert.True(set.Add(id));
        Assert.False(set.Add(id.ToUpperInvariant()));
        var found = set.Contains(id.ToLowerInvariant());
        Assert.True(found);
        // Another spelling of the same GUID is another id, as the API's string ids are.
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Remove_and_clear_forget_ids_of_both_kinds()
    {
        var set = new ConversationIdSet(new[] { Lower, "conversation-7" });
        Assert.True(set.Remove(Lower.ToUpperInvariant()));
        var found = set.Contains(Lower);
        Assert.False(found);
        set.Clear();
        Assert.Empty(set);
        Assert.True(set.Add("conversation-7"));
    }

    [Fact]
    public void Forgetting_what_started_before_an_instant_keeps_later_ids_and_those_of_unknown_start()
    {
        var noon = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var set = new ConversationIdSet();
        set.Add(Lower, noon.AddTicks(-1));
        set.Add("conversation-7", noon.ToOffset(TimeSpan.FromHours(2)));
        set.Add("conversation-1", noon.AddHours(-1));
        set.Add("given-by-an-earlier-run");
        set.ForgetStartedBefore(noon);
        Assert.Equal(new[] { "conversation-7", "given-by-an-earlier-run" }, set.OrderBy(id => id, StringComparer.Ordinal));
        Assert.True(set.Add(Lower, noon));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-1)]
    [InlineData(250_000)]
    public void A_count_from_the_API_is_only_a_hint(long count)
    {
        var set = new ConversationIdSet { Lower };
        set.ExpectMore(count);
        Assert.True(set.Add("conversation-7"));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void A_position_round_trips_through_JSON_with_its_ids()
    {
        var position = new DetailsPosition { Unit = 2 };
        position.GivenInUnit.Add(Lower);
        position.GivenInUnit.Add("conversation-7");
        var copy = JsonSerializer.Deserialize<DetailsPosition>(JsonSerializer.Serialize(position))!;
        Assert.Equal(2, copy.Unit);
        Assert.Equal(new[] { Lower, "conversation-7" }, copy.GivenInUnit.OrderBy(id => id, StringComparer.Ordinal));
    }
}

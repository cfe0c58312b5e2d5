using Xunit;

namespace GenesysConvo.Core.Tests;

public class RedactionTests
{
    [Theory]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    [InlineData("id_token")]
    [InlineData("client_secret")]
    [InlineData("password")]
    [InlineData("token")]
    [InlineData("Access_Token")]
    public void Token_fields_are_masked(string field)
    {
        var text = $"{{\"{field}\" : \"abc.def-123\",\"name\":\"x\"}}";
        var redacted = Redaction.RedactJson(text);
        Assert.DoesNotContain("abc.def-123", redacted);
        Assert.Contains($"\"{field}\" : \"***\"", redacted);
        Assert.Contains("\"name\":\"x\"", redacted);
    }

    [Fact]
    public void Other_fields_are_untouched()
    {
        const string text = "{\"token_type\":\"bearer\",\"expires_in\":86399,\"tokenId\":\"t1\",\"passwordHint\":\"h\"}";
        Assert.Equal(text, Redaction.RedactJson(text));
    }

    [Fact]
    public void Every_occurrence_is_masked_including_nested_ones()
    {
        var redacted = Redaction.RedactJson("{\"a\":{\"access_token\":\"one\"},\"b\":[{\"access_token\":\"two\"}]}");
        Assert.Equal("{\"a\":{\"access_token\":\"***\"},\"b\":[{\"access_token\":\"***\"}]}", redacted);
    }

    [Fact]
    public void A_secret_with_an_escaped_quote_is_masked_entirely()
    {
        var redacted = Redaction.RedactJson("{\"password\":\"abc\\\"leaked-part\",\"name\":\"x\"}");
        Assert.DoesNotContain("leaked-part", redacted);
    }
}

public class JsonTreeTests
{
    [Fact]
    public void Objects_keep_the_order_of_their_properties()
    {
        Assert.True(JsonTree.TryParse("{\"zeta\":1,\"alpha\":2,\"mid\":3}", out var value));
        var map = Assert.IsType<List<KeyValuePair<string, object?>>>(value);
        Assert.Equal(new[] { "zeta", "alpha", "mid" }, map.Select(p => p.Key).ToArray());
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Integers_are_longs(string json, long expected)
    {
        Assert.True(JsonTree.TryParse(json, out var value));
        Assert.Equal(expected, Assert.IsType<long>(value));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("1e2", 100.0)]
    [InlineData("9223372036854775808", 9223372036854775808.0)]
    public void Other_numbers_are_doubles(string json, double expected)
    {
        Assert.True(JsonTree.TryParse(json, out var value));
        Assert.Equal(expected, Assert.IsType<double>(value));
    }

    [Fact]
    public void Nested_shapes_become_plain_framework_objects()
    {
        Assert.True(JsonTree.TryParse("{\"s\":\"text\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",{\"x\":3.25}]}", out var value));
        var map = Assert.IsType<List<KeyValuePair<string, object?>>>(value).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("text", map["s"]);
        Assert.Equal(true, map["t"]);
        Assert.Equal(false, map["f"]);
        Assert.Null(map["n"]);
        var array = Assert.IsType<object?[]>(map["a"]);
        Assert.Equal(1L, array[0]);
        Assert.Equal("two", array[1]);
        var inner = Assert.Single(Assert.IsType<List<KeyValuePair<string, object?>>>(array[2]));
        Assert.Equal("x", inner.Key);
        Assert.Equal(3.25, inner.Value);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"a\":")]
    [InlineData("{'a':1}")]
    [InlineData("[1,2")]
    public void Invalid_json_is_false(string text)
    {
        Assert.False(JsonTree.TryParse(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void An_empty_body_is_null(string text)
    {
        Assert.True(JsonTree.TryParse(text, out var value));
        Assert.Null(value);
    }
}

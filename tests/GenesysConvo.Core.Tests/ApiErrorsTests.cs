using System.Net;
using System.Net.Http.Headers;
using Polly.Timeout;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class ApiErrorsTests
{
    private static HttpResponseMessage Response(int status, string? correlation = null, string? reason = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.mypurecloud.com/api/v2/routing/queues");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "SECRET-TOKEN-VALUE");
        var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };
        if (reason != null) response.ReasonPhrase = reason;
        if (correlation != null) response.Headers.TryAddWithoutValidation("ININ-Correlation-Id", correlation);
        return response;
    }

    private static GenesysApiException From(int status, string body = "", string? correlation = null, RequestTrace? trace = null)
    {
        using var response = Response(status, correlation);
        return ApiErrors.FromResponse(response, body, "GET", "/api/v2/routing/queues", trace);
    }

    [Theory]
    [InlineData(400, GenesysErrorKind.InvalidRequest)]
    [InlineData(401, GenesysErrorKind.Authentication)]
    [InlineData(403, GenesysErrorKind.PermissionDenied)]
    [InlineData(404, GenesysErrorKind.NotFound)]
    [InlineData(408, GenesysErrorKind.Timeout)]
    [InlineData(409, GenesysErrorKind.Conflict)]
    [InlineData(413, GenesysErrorKind.InvalidRequest)]
    [InlineData(429, GenesysErrorKind.RateLimited)]
    [InlineData(500, GenesysErrorKind.ServiceUnavailable)]
    [InlineData(502, GenesysErrorKind.ServiceUnavailable)]
    [InlineData(503, GenesysErrorKind.ServiceUnavailable)]
    [InlineData(504, GenesysErrorKind.ServiceUnavailable)]
    public void Status_codes_map_to_kinds(int status, GenesysErrorKind kind)
    {
        var error = From(status, "{\"message\":\"Something happened\",\"code\":\"some.code\",\"status\":" + status + "}");
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("some.code", error.ErrorCode);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/api/v2/routing/queues", error.Path);
        Assert.Equal("GenesysConvo." + kind, error.ErrorId);
        Assert.StartsWith($"GET /api/v2/routing/queues failed: {status} Something happened", error.Message);
    }

    [Fact]
    public void Advice_says_what_to_do()
    {
        Assert.Contains("Connect-GenesysCloud", From(401).Message);
        Assert.Contains("-MaxRetryCount", From(429).Message);
        Assert.Contains("status.mypurecloud.com", From(503).Message);
        Assert.Contains("Check the id or path", From(404).Message);
    }

    [Fact]
    public void Correlation_id_comes_from_the_header_first()
    {
        var error = From(404, "{\"message\":\"Not found\",\"contextId\":\"from-body\"}", correlation: "from-header");
        Assert.Equal("from-header", error.CorrelationId);
        // On a line of its own, after the fix: a fact to quote to support, never mistaken for the recommendation.
        Assert.EndsWith(Environment.NewLine + "Correlation id: from-header", error.Message);
        Assert.Equal("Check the id or path.", error.Recommendation);
    }

    [Fact]
    public void Correlation_id_falls_back_to_context_id()
    {
        var error = From(404, "{\"message\":\"Not found\",\"contextId\":\"from-body\"}");
        Assert.Equal("from-body", error.CorrelationId);
        Assert.Contains("from-body", error.Message);
    }

    [Fact]
    public void No_correlation_id_at_all()
    {
        var error = From(404, "{\"message\":\"Not found\"}");
        Assert.Null(error.CorrelationId);
        Assert.DoesNotContain("Correlation id", error.Message);
    }

    [Fact]
    public void Missing_permission_is_read_from_the_message()
    {
        var error = From(403, "{\"message\":\"Unable to perform the requested action. You must have at least one of the following permissions assigned: routing:queue:view\",\"code\":\"missing.any.permissions\"}");
        Assert.Equal(new[] { "routing:queue:view" }, error.MissingPermissions);
        Assert.Contains("routing:queue:view", error.Message);
        Assert.Contains("Admin > Roles/Permissions", error.Message);
    }

    [Fact]
    public void Several_missing_permissions_are_read_from_the_message()
    {
        var error = From(403, "{\"message\":\"Unable to perform the requested action. You must have at least one of the following permissions assigned: analytics:conversationDetail:view, analytics:conversationAggregate:view.\"}");
        Assert.Equal(new[] { "analytics:conversationDetail:view", "analytics:conversationAggregate:view" }, error.MissingPermissions);
        Assert.Contains("analytics:conversationDetail:view or analytics:conversationAggregate:view", error.Message);
    }

    [Fact]
    public void Missing_permissions_are_read_from_message_params()
    {
        var error = From(403, "{\"message\":\"Unable to perform the requested action.\",\"code\":\"missing.permissions\"," +
                              "\"messageParams\":{\"permissions\":\"routing:queue:view,routing:queue:edit\",\"count\":\"2\",\"n\":3}}");
        Assert.Equal(new[] { "routing:queue:view", "routing:queue:edit" }, error.MissingPermissions);
    }

    [Fact]
    public void A_403_without_a_permission_list_still_points_to_roles()
    {
        var error = From(403, "{\"message\":\"You are not authorized to perform the requested action.\",\"code\":\"not.authorized\"}");
        Assert.Empty(error.MissingPermissions);
        Assert.Contains("Roles/Permissions", error.Message);
    }

    [Fact]
    public void Permissions_are_only_read_for_403()
    {
        var error = From(400, "{\"message\":\"You must have at least one of the following permissions assigned: routing:queue:view\"}");
        Assert.Empty(error.MissingPermissions);
    }

    [Fact]
    public void A_body_that_is_not_json_falls_back_to_the_reason_phrase()
    {
        using var response = Response(502, reason: "Bad Gateway");
        var error = ApiErrors.FromResponse(response, "<html><body>proxy error</body></html>", "GET", "/api/v2/x", null);
        Assert.Contains("502 Bad Gateway", error.Message);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public void The_message_never_contains_the_authorization_header()
    {
        foreach (var status in new[] { 400, 401, 403, 404, 429, 500, 503 })
            Assert.DoesNotContain("SECRET-TOKEN-VALUE", From(status, "{\"message\":\"x\"}", "corr").Message);
    }

    [Fact]
    public void The_api_message_is_not_followed_by_a_double_period()
    {
        var error = From(404, "{\"message\":\"The requested resource was not found.\",\"code\":\"not.found\"}");
        Assert.DoesNotContain("..", error.Message);
        Assert.Contains("The requested resource was not found", error.Message);
    }

    [Fact]
    public void Attempts_and_the_reason_for_giving_up_are_told()
    {
        var trace = new RequestTrace { Attempts = 6, GaveUpBecause = "the API asked to wait 10 min" };
        var error = From(429, "{\"message\":\"Rate limit exceeded\"}", trace: trace);
        Assert.Equal(6, error.Attempts);
        Assert.Contains("Gave up after 6 attempts because the API asked to wait 10 min", error.Message);

        var once = From(429, "{\"message\":\"Rate limit exceeded\"}", trace: new RequestTrace { Attempts = 1, GaveUpBecause = "the API asked to wait 1 h" });
        Assert.Contains("Not retried because the API asked to wait 1 h", once.Message);
        Assert.Equal(1, once.Attempts);
    }

    [Fact]
    public void Exceptions_become_connection_or_timeout_errors()
    {
        var network = ApiErrors.FromException(new HttpRequestException("outer", new IOException("Connection reset by peer")),
            "GET", "/api/v2/x", new RequestTrace { Attempts = 3 });
        Assert.Equal(GenesysErrorKind.Connection, network.Kind);
        Assert.Contains("Connection reset by peer", network.Message);
        Assert.Contains("after 3 attempts", network.Message);
        Assert.IsType<HttpRequestException>(network.InnerException);

        var timeout = ApiErrors.FromException(new TimeoutRejectedException(), "GET", "/api/v2/x", null);
        Assert.Equal(GenesysErrorKind.Timeout, timeout.Kind);
        Assert.Contains("no answer in time", timeout.Message);

        var already = new GenesysApiException(GenesysErrorKind.NotFound, "x");
        Assert.Same(already, ApiErrors.FromException(already, "GET", "/", null));
    }
}

public class ErrorBodyTests
{
    [Fact]
    public void Reads_the_platform_error_body()
    {
        var body = ErrorBody.TryParse("{\"message\":\"m\",\"code\":\"c\",\"status\":400,\"contextId\":\"ctx\",\"messageParams\":{\"a\":\"1\",\"b\":2},\"details\":[],\"errors\":[]}");
        Assert.NotNull(body);
        Assert.Equal("m", body.Message);
        Assert.Equal("c", body.Code);
        Assert.Equal("ctx", body.ContextId);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, body.MessageParams);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void Anything_else_is_null(string text)
    {
        Assert.Null(ErrorBody.TryParse(text));
    }

    [Fact]
    public void Fields_of_the_wrong_type_are_ignored()
    {
        var body = ErrorBody.TryParse("{\"message\":5,\"code\":null}");
        Assert.NotNull(body);
        Assert.Null(body.Message);
        Assert.Null(body.Code);
        Assert.Null(body.MessageParams);
    }
}

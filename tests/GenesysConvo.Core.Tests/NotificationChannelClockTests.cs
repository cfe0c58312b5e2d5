using System.Net;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>A channel's expires is an instant on the server's clock; the stream leaves the channel an hour before it by
/// this machine's clock. A machine whose clock is off must neither leave a fresh channel at once nor keep one past its
/// end, so the instant is moved by the difference the response's Date header shows.</summary>
public class NotificationChannelClockTests
{
    private static readonly DateTimeOffset LocalNow = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static async Task<Channel> CreateChannelAsync(DateTimeOffset? serverDate, DateTimeOffset expires)
    {
        var http = new FakeHttp()
            .Respond(HttpStatusCode.OK, Responses.Token("t"))
            .Respond(HttpStatusCode.OK, """{"organization":{"id":"o","name":"Org"}}""")
            .Respond(HttpStatusCode.OK,
                $$"""{"id":"streaming-1","connectUri":"wss://streaming.example.test/channels/streaming-1","expires":"{{expires:yyyy-MM-ddTHH:mm:ss.fffZ}}","newField":1}""",
                r => r.Headers.Date = serverDate);
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http, LocalNow);
        return await api.Notifications.CreateChannelAsync(CancellationToken.None).Guarded();
    }

    [Theory]
    [InlineData(-3 * 60)] // the server's clock three hours behind this machine's
    [InlineData(23 * 60)] // or 23 hours ahead: the channel would look expired an hour before it is
    [InlineData(0)]
    public async Task Expires_is_moved_onto_this_machines_clock_by_the_servers_Date(int serverAheadMinutes)
    {
        var serverNow = LocalNow.AddMinutes(serverAheadMinutes);
        var channel = await CreateChannelAsync(serverNow, serverNow.AddHours(24));
        Assert.Equal(LocalNow.AddHours(24), channel.Expires);
    }

    [Fact]
    public async Task Without_a_Date_header_expires_is_taken_as_stated()
    {
        var expires = LocalNow.AddHours(5);
        var channel = await CreateChannelAsync(null, expires);
        Assert.Equal(expires, channel.Expires);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Ingest;

/// <summary>
/// Clients that are slow on purpose or send more head than any provider does, over raw sockets against the real
/// gateway. Most of these are refused by Kestrel while it parses the request, before any middleware runs: those answers
/// (408, 431, 414, 400) come from Kestrel with an empty body, and no problem details can be added to them. What matters
/// is that they end quickly and store nothing. Storage is not involved, so one database (SQLite) is enough.
/// </summary>
public sealed class ConnectionLimitsTests : IAsyncLifetime
{
    // Short limits, so that cutting a slow client off takes a second or two rather than the defaults' 10 s.
    private static readonly string[] Arguments =
    [
        "--Hookgate:Role=ingest",
        "--Hookgate:Limits:RequestHeadersTimeoutSeconds=1",
        "--Hookgate:Limits:RequestBodyGracePeriodSeconds=1.5",
        .. TestProvider.GitHub.Arguments,
    ];

    private TestDatabase database = null!;
    private Gateway gateway = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        gateway = await Gateway.StartAsync(database, Arguments);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Cuts_off_a_client_that_trickles_its_headers_once_the_header_timeout_passes()
    {
        await using var connection = await RawHttp.ConnectAsync(gateway.Address);
        var clock = Stopwatch.StartNew();
        Assert.True(await connection.WriteAsync(Encoding.ASCII.GetBytes("POST /webhooks/github HTTP/1.1\r\nHost: gateway\r\n")));
        var answer = connection.ReadResponseAsync(TimeSpan.FromSeconds(10));

        // One header byte every 100 ms: a connection held open indefinitely, unless the server ends it.
        while (!answer.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(10) && await connection.WriteAsync("X"u8.ToArray()))
        {
            await Task.Delay(100);
        }

        var response = await answer;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The trickling client was held for {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal((int)HttpStatusCode.RequestTimeout, response.Status);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Cuts_off_a_client_that_trickles_its_body_below_the_minimum_rate_with_408()
    {
        await using var connection = await RawHttp.ConnectAsync(gateway.Address);
        var clock = Stopwatch.StartNew();
        var head = "POST /webhooks/github HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n" +
            "X-GitHub-Event: push\r\nX-GitHub-Delivery: slow\r\nX-Hub-Signature-256: sha256=00\r\n\r\n";
        Assert.True(await connection.WriteAsync(Encoding.ASCII.GetBytes(head)));
        var answer = connection.ReadResponseAsync(TimeSpan.FromSeconds(10));

        // Ten bytes a second against a minimum of 240.
        while (!answer.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(10) && await connection.WriteAsync("{"u8.ToArray()))
        {
            await Task.Delay(100);
        }

        var response = await answer;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The trickling client was held for {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal((int)HttpStatusCode.RequestTimeout, response.Status);

        // The body is read by ingest, not by Kestrel's parser, so this refusal is ours: problem details.
        Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Kestrel_answers_ten_thousand_headers_with_431_and_no_body_and_nothing_is_stored()
    {
        var headers = Enumerable.Range(0, 10_000).Select(i => ($"X-Header-{i}", "v"));

        var response = await RawHttp.SendAsync(gateway.Address, "POST", "/webhooks/github", headers, Encoding.UTF8.GetBytes("{}"));

        Assert.Equal((int)HttpStatusCode.RequestHeaderFieldsTooLarge, response.Status);
        Assert.Equal("", response.Body);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Kestrel_answers_one_header_larger_than_all_headers_may_be_with_431_and_nothing_is_stored()
    {
        var delivery = TestProvider.GitHub.Signed("oversized-header", DateTimeOffset.UtcNow);
        (string, string)[] headers = [("Content-Type", "application/json"), .. delivery.Headers, ("X-Padding", new string('p', 64 * 1024))];

        var response = await RawHttp.SendAsync(gateway.Address, "POST", "/webhooks/github", headers, delivery.Body);

        Assert.Equal((int)HttpStatusCode.RequestHeaderFieldsTooLarge, response.Status);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Kestrel_answers_a_request_line_longer_than_8_KiB_with_414_and_nothing_is_stored()
    {
        var delivery = TestProvider.GitHub.Signed("long-path", DateTimeOffset.UtcNow);

        var response = await RawHttp.SendAsync(gateway.Address, "POST", "/webhooks/" + new string('a', 10_000), delivery.Headers, delivery.Body);

        Assert.Equal((int)HttpStatusCode.RequestUriTooLong, response.Status);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task Kestrel_answers_a_NUL_in_the_path_with_400_and_nothing_is_stored()
    {
        var delivery = TestProvider.GitHub.Signed("nul-path", DateTimeOffset.UtcNow);

        var response = await RawHttp.SendAsync(gateway.Address, "POST", "/webhooks/github%00", delivery.Headers, delivery.Body);

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(0, await CountEventsAsync());
    }

    [Fact]
    public async Task A_provider_sending_at_ordinary_speed_is_not_affected()
    {
        var delivery = TestProvider.GitHub.Signed("ordinary", DateTimeOffset.UtcNow);

        var response = await gateway.Client.SendAsync(delivery.ToRequest("/webhooks/github"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountEventsAsync());
    }

    private Task<int> CountEventsAsync() => database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events");
}

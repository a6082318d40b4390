using System.Net;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;

namespace Hookgate.Tests.Telemetry;

/// <summary>
/// An operator holding the gateway to a few milliseconds per ack must be able to read that off /metrics: the
/// latency histograms need bounds below 5 ms, which OpenTelemetry's defaults (0, 5, 10, 25, ...) do not have.
/// </summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public async Task Exports_the_ack_time_and_the_wait_for_a_commit_in_buckets_of_a_millisecond_and_less()
    {
        // OpenTelemetry listens to every meter of the name in the process, so other tests' gateways are counted too: a
        // source of this test's own keeps its series apart.
        var provider = TestProvider.Stripe with { Name = "latency-" + Guid.NewGuid().ToString("N")[..8] };
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await Gateway.StartAsync(database, [.. provider.Arguments, "--Hookgate:Role=ingest"]);
        var response = await gateway.Client.SendAsync(provider.Signed("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow).ToRequest($"/webhooks/{provider.Name}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var exposition = await gateway.Client.GetStringAsync("/metrics");

        var ackTime = Buckets(exposition, "hookgate_ingest_duration_milliseconds_bucket{", $"source=\"{provider.Name}\"");
        Assert.Equal(["0.25", "0.5", "0.75", "1", "1.5", "2", "2.5", "3", "4", "5"], ackTime.Select(b => b.Bound).Take(10));
        Assert.Equal(("+Inf", 1L), ackTime[^1]);

        // The wait carries no source (it is recorded per event on the writer's loop), so other tests' events are
        // counted in it too: this one's is at least one of them.
        var queueWait = Buckets(exposition, "hookgate_inbox_queue_wait_milliseconds_bucket{", "le=");
        Assert.Equal(ackTime.Select(b => b.Bound), queueWait.Select(b => b.Bound));
        Assert.True(queueWait[^1].Count >= 1, $"No event's wait for its commit was counted: {queueWait[^1].Count}.");
    }

    private static List<(string Bound, long Count)> Buckets(string exposition, string series, string label) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(series, StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Select(line => (Bound: line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0], Count: long.Parse(line[(line.LastIndexOf(' ') + 1)..])))
            .ToList();
}

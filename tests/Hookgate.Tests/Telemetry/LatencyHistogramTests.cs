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
    public async Task Exports_the_ack_time_in_buckets_of_a_millisecond_and_less()
    {
        // OpenTelemetry listens to every meter of the name in the process, so other tests' gateways are counted too: a
        // source of this test's own keeps its series apart.
        var provider = TestProvider.Stripe with { Name = "latency-" + Guid.NewGuid().ToString("N")[..8] };
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await Gateway.StartAsync(database, [.. provider.Arguments, "--Hookgate:Role=ingest"]);
        var response = await gateway.Client.SendAsync(provider.Signed("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow).ToRequest($"/webhooks/{provider.Name}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var exposition = await gateway.Client.GetStringAsync("/metrics");

        var bounds = exposition.Split('\n')
            .Where(line => line.StartsWith("hookgate_ingest_duration_milliseconds_bucket{", StringComparison.Ordinal) && line.Contains($"source=\"{provider.Name}\"", StringComparison.Ordinal))
            .Select(line => (Bound: line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0], Count: long.Parse(line[(line.LastIndexOf(' ') + 1)..])))
            .ToList();
        Assert.Equal(["0.25", "0.5", "0.75", "1", "1.5", "2", "2.5", "3", "4", "5"], bounds.Select(b => b.Bound).Take(10));
        Assert.Equal(("+Inf", 1L), bounds[^1]);
    }
}

using System.Collections.Concurrent;
using System.Net;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// PostgreSQL itself is stopped for ten seconds under provider traffic. Meanwhile the gateway must refuse (503,
/// problem details) rather than acknowledge, report itself unready, and its workers must back off instead of
/// spinning; once the server is back everything acknowledged must be there and get processed.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "reliability")]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    // ProcessingWorker backs off 250 ms, 500 ms, 1 s... after each failure to reach the database: within ten
    // seconds a loop fails at most 7 times (the first at once, then after 0.25, 0.75, 1.75, 3.75, 7.75 s, and one
    // more that had started before the outage). A loop that retried without waiting would fail thousands of times.
    private const int Concurrency = 4;
    private const int MaxWorkerFailuresPerLoop = 7;

    // Beyond what answering the provider's tries costs, the JIT left out, the outage may take this share of a core:
    // failures throw, and the first of them log their stack traces. A loop spinning on a dead database would take it
    // all. (Measured: 0.1 to 0.4 s less than the tries cost, while the JIT alone took 2.2 to 3.3 s.)
    private const double MaxExtraCpuShareDuringOutage = 0.2;

    [Fact]
    public async Task Refuses_with_503_and_backs_off_while_PostgreSQL_is_down_then_resumes_without_losing_an_acknowledged_event()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var feed = new SallaOrderFeed("salla-orders");
        await using var gateway = await GatewayProcess.StartAsync(
            [.. database.GatewayArguments, .. feed.SourceArguments, $"--Hookgate:Processing:Concurrency={Concurrency}"]);
        using var client = new DeliveryClient([gateway.Address], pause: TimeSpan.FromMilliseconds(50), patience: TimeSpan.FromSeconds(60));
        var traffic = new OrderTraffic(feed, client, new TrafficShape(
            Lanes: 4, OrdersPerLane: 4, Versions: 4, MaxEventsPerLane: 5000, Pause: TimeSpan.FromMilliseconds(10), RedeliverOneIn: 10), seed: 4);
        using var stop = new CancellationTokenSource();
        var load = traffic.RunAsync(stop.Token);
        var readiness = new ConcurrentQueue<(DateTimeOffset At, HttpStatusCode? Status)>();
        var probing = ProbeReadinessAsync(gateway.Address, readiness, stop.Token);

        // What a delivery costs the gateway when all is well: the outage may cost its refusals, not more. The JIT's
        // time is left out of both: this young process still compiles, at first and then again at a higher tier, the
        // paths the load takes and, once the server is down, the failure paths; a spinning loop compiles nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (cpuAtBaseline, baselineAt) = (await WorkCpuSecondsAsync(gateway), DateTimeOffset.UtcNow);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var cpuPerTry = (await WorkCpuSecondsAsync(gateway) - cpuAtBaseline) / client.Tries.Count(t => t.SentAt >= baselineAt);
        Assert.False(load.IsFaulted, $"The provider gave up: {load.Exception?.InnerException?.Message}");
        await PostgresServer.StopServerAsync();
        var downAt = DateTimeOffset.UtcNow;
        var (cpuAtDown, jitAtDown) = (gateway.CpuSeconds(), await gateway.JitSecondsAsync());
        await Task.Delay(Outage);
        var (cpuDuringOutage, jitDuringOutage) = (gateway.CpuSeconds() - cpuAtDown, await gateway.JitSecondsAsync() - jitAtDown);
        var restartAt = DateTimeOffset.UtcNow;
        await PostgresServer.StartServerAsync();
        var upAt = DateTimeOffset.UtcNow;

        var readyAgain = await WaitUntilReadyAsync(readiness, upAt);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await load;
        await probing;
        ((NpgsqlDataSource)database.Database.DataSource).Clear();
        var unfinished = await InboxAudit.WaitUntilProcessedAsync(database, feed.Source, TimeSpan.FromSeconds(60));
        var findings = await InboxAudit.AuditAsync(database, feed.Source, traffic);

        // Only tries sent once the server was down and answered before it was started again are surely outage tries.
        var duringOutage = client.Tries.Where(t => t.SentAt >= downAt && t.AnsweredAt <= restartAt).ToList();
        var oks = duringOutage.Count(t => t.StatusCode == 200);
        var refusals = duringOutage.Where(t => t.StatusCode == 503).ToList();
        var probes = readiness.Where(p => p.At >= downAt && p.At <= restartAt).ToList();
        var workerFailures = gateway.CountLines("Hookgate.Processing.ProcessingWorker[510]", downAt, restartAt);
        var outageSeconds = (restartAt - downAt).TotalSeconds;

        output.WriteLine($"PostgreSQL down {outageSeconds:0.0} s under load: {duringOutage.Count} deliveries tried, {refusals.Count} answered 503 " +
            $"({refusals.Count(r => r.IsProblem && r.HasRetryAfter)} as problem details with Retry-After), {oks} answered 200, " +
            $"{duringOutage.Count(t => t.StatusCode is null)} connection errors");
        output.WriteLine($"/readyz during the outage: {probes.Count(p => p.Status == HttpStatusCode.ServiceUnavailable)} of {probes.Count} probes 503; " +
            $"ready again {(readyAgain - upAt).TotalSeconds:0.0} s after PostgreSQL was");
        var extraCpu = cpuDuringOutage - jitDuringOutage - duringOutage.Count * cpuPerTry;
        output.WriteLine($"workers during the outage: {workerFailures} failures logged (bound {Concurrency * MaxWorkerFailuresPerLoop}); " +
            $"gateway CPU {cpuDuringOutage:0.00} s in {outageSeconds:0.0} s, of which JIT {jitDuringOutage:0.00} s; the rest is {extraCpu:+0.00;-0.00} s " +
            $"beyond what its {duringOutage.Count} tries cost at the {cpuPerTry * 1000:0.0} ms each measured before the outage, JIT left out " +
            $"(bound +{MaxExtraCpuShareDuringOutage * outageSeconds:0.0} s)");
        output.WriteLine(findings.ToString());

        Assert.Equal(0, oks);
        Assert.NotEmpty(refusals);
        Assert.All(duringOutage, t => Assert.True(t.StatusCode == 503 && t.IsProblem && t.HasRetryAfter,
            $"A delivery during the outage was answered {t.StatusCode?.ToString() ?? "by a broken connection"} (problem details: {t.IsProblem}), not 503 problem details with Retry-After."));
        Assert.True(probes.Count >= 10, $"Only {probes.Count} readiness probes ran during the outage.");
        Assert.All(probes, p => Assert.Equal(HttpStatusCode.ServiceUnavailable, p.Status));
        Assert.True(workerFailures <= Concurrency * MaxWorkerFailuresPerLoop, $"The workers failed {workerFailures} times in {outageSeconds:0.0} s: they do not back off.");
        Assert.True(extraCpu <= MaxExtraCpuShareDuringOutage * outageSeconds,
            $"The gateway used {cpuDuringOutage:0.00} s of CPU while the database was down, {extraCpu:0.00} s more than the tries it answered cost.");
        Assert.Equal(0, unfinished);
        findings.AssertClean();
    }

    private static async Task<double> WorkCpuSecondsAsync(GatewayProcess gateway) =>
        gateway.CpuSeconds() - await gateway.JitSecondsAsync();

    private static async Task ProbeReadinessAsync(Uri gateway, ConcurrentQueue<(DateTimeOffset, HttpStatusCode?)> readiness, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(5) };
        while (!stop.IsCancellationRequested)
        {
            HttpStatusCode? status;
            try
            {
                status = (await client.GetAsync("/readyz", CancellationToken.None)).StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                status = null;
            }

            readiness.Enqueue((DateTimeOffset.UtcNow, status));
            await Task.Delay(250, CancellationToken.None);
        }
    }

    private static async Task<DateTimeOffset> WaitUntilReadyAsync(ConcurrentQueue<(DateTimeOffset At, HttpStatusCode? Status)> readiness, DateTimeOffset since)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var ready = readiness.FirstOrDefault(p => p.At > since && p.Status == HttpStatusCode.OK);
            if (ready != default)
            {
                return ready.At;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "/readyz did not turn green within 30 s of PostgreSQL's restart.");
            await Task.Delay(50);
        }
    }
}

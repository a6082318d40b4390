using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;
using Hookgate.Tests.Processing;
using Xunit.Abstractions;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// BigCommerce's API hangs while BigCommerce and Salla events keep arriving. The hung fetches must be cut off by the
/// source's request timeout and retried later, and must never hold every worker: Salla events keep being processed
/// promptly. Once the API answers again, every BigCommerce event is applied.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "reliability")]
public sealed class SlowDownstreamTests(ITestOutputHelper output)
{
    private const int Concurrency = 4;
    private const int RequestTimeoutSeconds = 1;
    private const int BatchSize = 16;
    private const string BigCommerceSource = "bigcommerce";
    private static readonly TimeSpan HangFor = TimeSpan.FromSeconds(8);

    // A hung provider may hold back other sources' events by one of its timeouts at most (the time it takes to find
    // out that it hangs), never by a queue of them.
    private static readonly TimeSpan MaxSallaLatency = TimeSpan.FromSeconds(RequestTimeoutSeconds + 1);

    [Fact]
    public async Task Keeps_Salla_events_flowing_while_BigCommerce_hangs_and_applies_BigCommerce_once_it_answers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var bigCommerce = await FakeBigCommerce.StartAsync();
        bigCommerce.Hang = true;
        var feed = new SallaOrderFeed("salla-orders");
        await using var gateway = await GatewayProcess.StartAsync(
        [
            .. database.GatewayArguments, .. feed.SourceArguments, .. bigCommerce.SourceArguments(BigCommerceSource),
            $"--Hookgate:Sources:{BigCommerceSource}:RequestTimeoutSeconds={RequestTimeoutSeconds}",
            $"--Hookgate:Sources:{BigCommerceSource}:MaxAttempts=100",
            $"--Hookgate:Sources:{BigCommerceSource}:RetryBaseSeconds=0.5",
            $"--Hookgate:Sources:{BigCommerceSource}:RetryMaxSeconds=2",
            $"--Hookgate:Processing:Concurrency={Concurrency}",
            $"--Hookgate:Processing:BatchSize={BatchSize}",
        ]);
        using var client = new DeliveryClient([gateway.Address], pause: TimeSpan.FromMilliseconds(50), patience: TimeSpan.FromSeconds(30));

        // A backlog of a batch of BigCommerce events per worker, so that every worker meets the hung API at once; then
        // Salla orders, while the store keeps sending BigCommerce events (each a new order) until the API answers again.
        var hooks = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency * BatchSize).Select(_ => SendBigCommerceHookAsync(client, Interlocked.Increment(ref hooks))));
        var traffic = new OrderTraffic(feed, client, new TrafficShape(
            Lanes: 2, OrdersPerLane: 4, Versions: 4, MaxEventsPerLane: 1000, Pause: TimeSpan.FromMilliseconds(20), RedeliverOneIn: 10), seed: 5);
        using (var stop = new CancellationTokenSource(HangFor))
        {
            await Task.WhenAll(traffic.RunAsync(stop.Token), Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await SendBigCommerceHookAsync(client, Interlocked.Increment(ref hooks));
                    await Task.Delay(200, CancellationToken.None);
                }
            }));
        }

        var hangEnded = DateTimeOffset.UtcNow;
        bigCommerce.Hang = false;
        var unfinishedSalla = await InboxAudit.WaitUntilProcessedAsync(database, feed.Source, TimeSpan.FromSeconds(30));
        var unfinishedBigCommerce = await InboxAudit.WaitUntilProcessedAsync(database, BigCommerceSource, TimeSpan.FromSeconds(30));
        var recovered = DateTimeOffset.UtcNow - hangEnded;

        var latencies = await SallaLatenciesAsync(database, feed.Source);
        var salla = await InboxAudit.AuditAsync(database, feed.Source, traffic);
        var hookAudit = await InboxAudit.AuditAttemptsAsync(database, BigCommerceSource);
        // Attempts that waited on the API, as opposed to those that failed at once without calling it.
        var failed = hookAudit.Attempts.Where(a => a.Outcome == "failed").ToList();
        var waits = failed.Where(a => a.DurationMs >= RequestTimeoutSeconds * 1000 / 2.0).ToList();
        var firstTimeout = waits.Min(a => a.FinishedAt);
        var waitingAtOnce = MostAtOnce(waits);
        var waitingAtOnceAfterwards = MostAtOnce([.. waits.Where(a => a.StartedAt > firstTimeout)]);

        output.WriteLine($"BigCommerce hung {HangFor.TotalSeconds:0} s (request timeout {RequestTimeoutSeconds} s, {Concurrency} workers): " +
            $"{failed.Count} failed attempts over {hooks} events, {waits.Count} of them waited on the API (the longest {failed.Max(a => a.DurationMs):0} ms), " +
            $"the others failed without calling it; workers waiting on it at once: {waitingAtOnce}, after its first timeout {waitingAtOnceAfterwards}");
        output.WriteLine($"Salla meanwhile: {latencies.Count} events processed, latency median {Percentile(latencies, 0.5).TotalMilliseconds:0} ms, " +
            $"p99 {Percentile(latencies, 0.99).TotalMilliseconds:0} ms, max {latencies.Max().TotalMilliseconds:0} ms (bound {MaxSallaLatency.TotalMilliseconds:0} ms)");
        output.WriteLine($"BigCommerce answered again: all {hooks} events applied {recovered.TotalSeconds:0.0} s later; {hookAudit}");
        output.WriteLine($"Salla: {salla}");

        Assert.Equal(0, unfinishedSalla);
        Assert.Equal(0, unfinishedBigCommerce);
        salla.AssertClean();
        hookAudit.AssertClean();
        Assert.True(latencies.Max() <= MaxSallaLatency, $"A Salla event waited {latencies.Max().TotalSeconds:0.0} s while BigCommerce hung.");
        Assert.True(waitingAtOnceAfterwards <= 1, $"Once BigCommerce was known to hang, {waitingAtOnceAfterwards} workers still waited on it at the same time.");
        Assert.All(failed, a => Assert.True(a.DurationMs <= (RequestTimeoutSeconds + 0.5) * 1000, $"An attempt waited {a.DurationMs:0} ms on the hung API."));
        Assert.Equal(hooks, await database.ScalarAsync<int>($"SELECT COUNT(*) FROM orders WHERE source = '{BigCommerceSource}'"));
    }

    private static Task SendBigCommerceHookAsync(DeliveryClient client, int number) =>
        client.DeliverAsync(TestProvider.BigCommerceHook("store/order/updated", 9000 + number, $"slow-{number}"), $"/webhooks/{BigCommerceSource}");

    private static async Task<List<TimeSpan>> SallaLatenciesAsync(TestDatabase database, string source)
    {
        var latencies = new List<TimeSpan>();
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT e.received_at, s.updated_at FROM inbox_events e JOIN inbox_status s ON s.event_id = e.id
            WHERE e.source = '{source}' AND s.status = 'succeeded'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            latencies.Add(reader.GetFieldValue<DateTimeOffset>(1) - reader.GetFieldValue<DateTimeOffset>(0));
        }

        latencies.Sort();
        return latencies;
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double share) => sorted[(int)Math.Min(sorted.Count - 1, share * sorted.Count)];

    /// <summary>The most attempts that were under way at the same moment: workers held at once.</summary>
    private static int MostAtOnce(IReadOnlyList<AttemptRecord> attempts) =>
        attempts.Count == 0 ? 0 : attempts.Max(a => attempts.Count(other => other.StartedAt <= a.StartedAt && other.FinishedAt > a.StartedAt));
}

using System.Collections.Concurrent;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;
using Hookgate.Tests.Processing;
using Xunit.Abstractions;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// Three gateway processes share one PostgreSQL database behind a round-robin client; one is killed with SIGKILL in
/// the middle of a BigCommerce fetch. Its claims must wait out their leases and then be taken over, every key must
/// still be processed in order and never by two workers at once, and every event exactly once in effect.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "reliability")]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int LeaseSeconds = 5;
    private const int PollIntervalMilliseconds = 1000;
    private const string BigCommerceSource = "bigcommerce";

    [Fact]
    public async Task Three_instances_keep_every_key_in_order_and_take_over_a_killed_ones_claims_once_their_leases_end()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var bigCommerce = await FakeBigCommerce.StartAsync();

        // Slow enough that a BigCommerce event is still being fetched when its instance dies, and that two workers
        // fetching the same order at once would overlap visibly.
        bigCommerce.Delay = TimeSpan.FromMilliseconds(20);
        var feed = new SallaOrderFeed("salla-orders");
        string[] arguments =
        [
            .. database.GatewayArguments, .. feed.SourceArguments, .. bigCommerce.SourceArguments(BigCommerceSource),
            $"--Hookgate:Processing:LeaseSeconds={LeaseSeconds}", $"--Hookgate:Processing:PollIntervalMilliseconds={PollIntervalMilliseconds}",
        ];
        var instances = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => GatewayProcess.StartAsync(arguments)));
        try
        {
            using var client = new DeliveryClient([.. instances.Select(i => i.Address)], pause: TimeSpan.FromMilliseconds(20), patience: TimeSpan.FromSeconds(60));
            var traffic = new OrderTraffic(feed, client, new TrafficShape(
                Lanes: 4, OrdersPerLane: 4, Versions: 4, MaxEventsPerLane: 5000, Pause: TimeSpan.FromMilliseconds(10), RedeliverOneIn: 10), seed: 3);
            var hooks = new ConcurrentQueue<Ack>();
            using var stop = new CancellationTokenSource();
            var load = Task.WhenAll(traffic.RunAsync(stop.Token), Task.Run(() => SendBigCommerceHooksAsync(client, hooks, stop.Token)));

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(load.IsFaulted, $"The provider gave up: {load.Exception?.InnerException?.Message}");
            var victim = instances[new Random(3).Next(instances.Length)];
            var (killedAt, orphans) = await KillWhileFetchingAsync(database, bigCommerce, victim);
            Assert.NotEmpty(orphans);
            var takeover = await WaitUntilTakenOverAsync(database, victim, killedAt);

            await Task.Delay(TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            await load;
            await InboxAudit.WaitUntilProcessedAsync(database, feed.Source, TimeSpan.FromSeconds(60));
            var unfinishedHooks = await InboxAudit.WaitUntilProcessedAsync(database, BigCommerceSource, TimeSpan.FromSeconds(60));

            var salla = await InboxAudit.AuditAsync(database, feed.Source, traffic);
            var hooksAudit = await InboxAudit.AuditAttemptsAsync(database, BigCommerceSource);
            var storedHooks = await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events WHERE source = @source", ("source", BigCommerceSource));
            var overlappingFetches = OverlappingFetches(bigCommerce);

            // Each orphan's next attempt came after its lease ended (nobody took it early), and soon after.
            var allAttempts = salla.Attempts.Attempts.Concat(hooksAudit.Attempts).ToLookup(a => a.EventId);
            var lags = orphans.Select(o => allAttempts[o.EventId].Single(a => a.Attempt == o.Attempts + 1).StartedAt - o.LockedUntil).ToList();
            var shares = salla.Attempts.Attempts.Concat(hooksAudit.Attempts).Where(a => a.Outcome == "succeeded")
                .GroupBy(a => instances.Single(i => a.Worker.Contains($":{i.Pid}:", StringComparison.Ordinal)))
                .ToDictionary(g => g.Key, g => g.Count());

            output.WriteLine($"3 instances, killed pid {victim.Pid} in the middle of a fetch holding {orphans.Count} claims; " +
                $"all taken over {takeover.TotalSeconds:0.00} s after the kill (lease {LeaseSeconds} s, poll {PollIntervalMilliseconds} ms); " +
                $"each claim taken {lags.Min().TotalMilliseconds:0} to {lags.Max().TotalMilliseconds:0} ms after its lease ended");
            output.WriteLine($"succeeded attempts per instance: {string.Join(", ", instances.Select(i => $"{i.Pid}{(i == victim ? " (killed)" : "")}: {shares.GetValueOrDefault(i)}"))}");
            output.WriteLine($"Salla: {salla}");
            output.WriteLine($"BigCommerce: hooks acked {hooks.Count}, stored {storedHooks}, unprocessed {unfinishedHooks}, {hooksAudit}; " +
                $"order fetches {bigCommerce.Fetches.Count}, of one order at the same time {overlappingFetches}");
            foreach (var example in salla.Examples.Concat(hooksAudit.Examples))
            {
                output.WriteLine("  " + example);
            }

            salla.AssertClean();
            hooksAudit.AssertClean();
            Assert.Equal(0, unfinishedHooks);
            Assert.Equal(hooks.Select(h => h.Id).Distinct().Count(), storedHooks);
            Assert.Equal(0, overlappingFetches);
            Assert.All(lags, lag => Assert.True(lag >= TimeSpan.Zero, $"A claim was taken {-lag.TotalMilliseconds:0} ms before its lease ended."));
            Assert.True(takeover <= TimeSpan.FromSeconds(LeaseSeconds) + TimeSpan.FromMilliseconds(PollIntervalMilliseconds) + TimeSpan.FromSeconds(1),
                $"The killed instance's claims were taken over only {takeover.TotalSeconds:0.00} s after it died.");
            Assert.All(instances.Where(i => i != victim), i => Assert.True(shares.GetValueOrDefault(i) > 0, $"Instance {i.Pid} processed nothing."));
        }
        catch
        {
            foreach (var instance in instances)
            {
                output.WriteLine($"--- {instance.Pid} ---{Environment.NewLine}{instance.Tail(20)}");
            }

            throw;
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>Updates of six hot orders, so that every one of them has events waiting behind the one being processed.</summary>
    private static async Task SendBigCommerceHooksAsync(DeliveryClient client, ConcurrentQueue<Ack> hooks, CancellationToken stop)
    {
        for (var i = 0; i < 5000 && !stop.IsCancellationRequested; i++)
        {
            var hook = TestProvider.BigCommerceHook("store/order/updated", 701 + i % 6, $"scale-out-{i}");
            hooks.Enqueue(await client.DeliverAsync(hook, $"/webhooks/{BigCommerceSource}"));
            await Task.Delay(15, CancellationToken.None);
        }
    }

    /// <summary>Kills the instance as soon as it holds a BigCommerce event; returns the claims it left.</summary>
    private static async Task<(DateTimeOffset KilledAt, List<Orphan> Orphans)> KillWhileFetchingAsync(
        TestDatabase database, FakeBigCommerce bigCommerce, GatewayProcess victim)
    {
        // At the usual 20 ms a fetch could end, and the instance finish its last claim, between the poll that saw the
        // claim and the signal: it would then die holding nothing. Fetches that start from now on take a second, and
        // those already running end well before the wait for a claim begins.
        var usual = bigCommerce.Delay;
        bigCommerce.Delay = TimeSpan.FromSeconds(1);
        await Task.Delay(usual * 5);
        var held = Held(victim);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (await database.ScalarAsync<int>($"SELECT COUNT(*) FROM inbox_status WHERE {held} AND source = '{BigCommerceSource}'") == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The chosen instance never held a BigCommerce event.");
            await Task.Delay(5);
        }

        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        bigCommerce.Delay = usual;

        // PostgreSQL aborts whatever the dead process's connections had not committed once it sees them close.
        await Task.Delay(300);
        var orphans = new List<Orphan>();
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT event_id, attempts, locked_until FROM inbox_status WHERE {held}";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            orphans.Add(new Orphan(reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return (killedAt, orphans);
    }

    private static async Task<TimeSpan> WaitUntilTakenOverAsync(TestDatabase database, GatewayProcess victim, DateTimeOffset killedAt)
    {
        var bound = TimeSpan.FromSeconds(LeaseSeconds + 15);
        while (await database.ScalarAsync<int>($"SELECT COUNT(*) FROM inbox_status WHERE {Held(victim)}") > 0)
        {
            Assert.True(DateTimeOffset.UtcNow - killedAt < bound, $"The killed instance's claims were not taken over within {bound.TotalSeconds} s.");
            await Task.Delay(20);
        }

        return DateTimeOffset.UtcNow - killedAt;
    }

    // Worker names are machine:pid:suffix/loop.
    private static string Held(GatewayProcess instance) => $"status = 'processing' AND locked_by LIKE '%:{instance.Pid}:%'";

    /// <summary>Fetches of one order that overlapped in time: two workers processing events of one key at once.</summary>
    private static int OverlappingFetches(FakeBigCommerce bigCommerce) =>
        bigCommerce.Fetches.GroupBy(f => f.OrderId).Sum(order =>
        {
            var fetches = order.OrderBy(f => f.Start).ToList();
            return fetches.Zip(fetches.Skip(1)).Count(pair => pair.Second.Start < pair.First.End);
        });

    private sealed record Orphan(Guid EventId, int Attempts, DateTimeOffset LockedUntil);
}

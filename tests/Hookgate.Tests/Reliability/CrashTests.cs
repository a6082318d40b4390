using System.Diagnostics;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// The gateway, as its own process, is killed with SIGKILL at random moments under provider traffic and restarted
/// on the same database each time: whatever it acknowledged must be stored once, processed once and in order.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "reliability")]
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task Survives_ten_kill_9s_on_SQLite_without_losing_or_repeating_an_event() =>
        RunAsync(DatabaseProvider.Sqlite, kills: 10, seed: 1);

    [Fact]
    public Task Survives_kill_9s_on_PostgreSQL_without_losing_or_repeating_an_event() =>
        // PostgreSQL may be shared by several instances, so a restarted one cannot tell a dead predecessor's claims
        // from a live neighbour's: they return when their leases expire, kept short here.
        RunAsync(DatabaseProvider.Postgres, kills: 5, seed: 2, "--Hookgate:Processing:LeaseSeconds=5");

    private async Task RunAsync(DatabaseProvider provider, int kills, int seed, params string[] settings)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var feed = new SallaOrderFeed("salla-orders");
        string[] arguments = [.. database.GatewayArguments, .. feed.SourceArguments, .. settings];
        var gateway = await GatewayProcess.StartAsync(arguments);
        try
        {
            using var client = new DeliveryClient([gateway.Address], pause: TimeSpan.FromMilliseconds(20), patience: TimeSpan.FromSeconds(60));
            var traffic = new OrderTraffic(feed, client, new TrafficShape(
                Lanes: 6, OrdersPerLane: 4, Versions: 4, MaxEventsPerLane: 5000, Pause: TimeSpan.FromMilliseconds(10), RedeliverOneIn: 10), seed);
            using var stop = new CancellationTokenSource();
            var load = traffic.RunAsync(stop.Token);

            var random = new Random(seed);
            var downtimes = new List<TimeSpan>();
            for (var kill = 0; kill < kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2000)));
                Assert.False(load.IsFaulted, $"The provider gave up: {load.Exception?.InnerException?.Message}");
                await gateway.KillAsync();
                var down = Stopwatch.StartNew();
                var crashed = gateway;
                gateway = await GatewayProcess.RestartAsync(crashed, arguments);
                downtimes.Add(down.Elapsed);
                await crashed.DisposeAsync();
            }

            // Some traffic on the last incarnation too, then the provider's outstanding deliveries finish.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await load;

            var drain = Stopwatch.StartNew();
            await InboxAudit.WaitUntilProcessedAsync(database, feed.Source, TimeSpan.FromSeconds(60));
            drain.Stop();
            var findings = await InboxAudit.AuditAsync(database, feed.Source, traffic);
            var refused = client.Tries.Count(t => t.StatusCode != 200);
            output.WriteLine($"{provider}: crashes survived {downtimes.Count} (restart to ready {downtimes.Average(d => d.TotalSeconds):0.0} s on average); " +
                $"tries {client.Tries.Count}, refused or cut off {refused}; drained {drain.Elapsed.TotalSeconds:0.0} s after the last delivery");
            output.WriteLine($"{provider}: {findings}");
            foreach (var example in findings.Examples)
            {
                output.WriteLine("  " + example);
            }

            Assert.Equal(kills, downtimes.Count);
            findings.AssertClean();
        }
        catch
        {
            output.WriteLine(gateway.Tail());
            throw;
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }
}

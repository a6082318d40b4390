using System.Globalization;

namespace Hookgate.Bench;

/// <summary>
/// Issue 4's ingest figures, per database, side by side in one run: the most durable acks per second with group
/// commit, against the same process verifying only (the ceiling) and committing each request alone (naive); then
/// ack latency at half the group-commit maximum.
/// </summary>
public static class IngestBenchmark
{
    public sealed record Mode(string Key, string Name, string Path, string[] Arguments);

    public static readonly Mode[] Modes =
    [
        new("ceiling", "HMAC-verify ceiling (no storage)", "/bench/verify/steady", ["--Hookgate:Benchmark:Ceiling=true"]),
        new("naive", "naive: one transaction per request", "/webhooks/steady", ["--Hookgate:Inbox:Commit=PerRequest"]),
        new("group", "group commit", "/webhooks/steady", []),
    ];

    /// <summary>One measured load. <paramref name="OfferedFraction"/>: an open-loop point, as a share of the group-commit maximum.</summary>
    /// <param name="Disk">The disk's own flushes during the load (<see cref="DiskProbe"/>).</param>
    public sealed record Figures(string Database, string Mode, double AckedPerSecond, int Failed, double P50, double P99, double P999, double PeakRssMiB, CpuSplit Cpu, DiskProbe.Result Disk, double? OfferedFraction = null);

    private static readonly double[] SweepFractions = [0.1, 0.25, 0.5, 0.75, 0.9];

    public static async Task<List<Figures>> RunAsync(Scenario scenario, int connections, TimeSpan duration)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var results = new List<Figures>();
        foreach (var mode in Modes)
        {
            Console.Error.WriteLine($"[{scenario.Name}] {mode.Name}: {connections} connections for {duration.TotalSeconds} s");
            var orders = new SallaOrders("steady", "bench-salla-secret", mode.Path);
            var warm = new SallaOrders("warm", "bench-salla-secret", mode.Path.Replace("steady", "warm", StringComparison.Ordinal));
            await using var gateway = await GatewayProcess.StartAsync([
                .. scenario.DatabaseArguments, .. orders.SourceArguments, .. warm.SourceArguments, "--role", "ingest", .. mode.Arguments]);
            using var client = gateway.CreateClient(connections);
            await Warmup.RunAsync(client, (length, round) => ClosedLoopLoad.RunAsync(client, connections, length, i => warm.Create(i, $"{runId}{mode.Key}{round}")));
            DirtyPages.WriteBack();
            var cpu = CpuSplit.Sample.Take(gateway);
            using var disk = DiskProbe.Start(duration);
            var load = await ClosedLoopLoad.RunAsync(client, connections, duration, i => orders.Create(i, runId + mode.Name.Length));
            results.Add(new Figures(scenario.Name, mode.Name, load.AchievedPerSecond, load.Failed,
                OpenLoopLoad.Percentile(load.AckLatency, 50), OpenLoopLoad.Percentile(load.AckLatency, 99), OpenLoopLoad.Percentile(load.AckLatency, 99.9),
                gateway.PeakRssMiB(), CpuSplit.Sample.Take(gateway).Since(cpu), disk.Stop()));
        }

        // Latency against offered load, open loop, in one gateway process: the plot's points, 50% among them.
        var maximum = results[^1].AckedPerSecond;
        var sweep = new SallaOrders("sweep", "bench-salla-secret", "/webhooks/sweep");
        await using (var gateway = await GatewayProcess.StartAsync([.. scenario.DatabaseArguments, .. sweep.SourceArguments, "--role", "ingest"]))
        {
            using var client = gateway.CreateClient(256);
            await Warmup.RunAsync(client, (length, round) => ClosedLoopLoad.RunAsync(client, connections, length, i => sweep.Create(i, $"{runId}w{round}")));
            var sent = 0;
            foreach (var fraction in SweepFractions)
            {
                var rate = Math.Floor(maximum * fraction);
                Console.Error.WriteLine($"[{scenario.Name}] group commit at {fraction:P0} of its maximum: {rate}/s open loop");
                var warmFrom = sent;
                DirtyPages.WriteBack();
                sent += (await OpenLoopLoad.RunAsync(client, rate, TimeSpan.FromSeconds(2), 256, i => sweep.Create(warmFrom + i, runId + "w"))).Sent;
                var loadFrom = sent;
                var cpu = CpuSplit.Sample.Take(gateway);
                using var disk = DiskProbe.Start(duration);
                var load = await OpenLoopLoad.RunAsync(client, rate, duration, 256, i => sweep.Create(loadFrom + i, runId));
                sent += load.Sent;
                results.Add(new Figures(scenario.Name, $"group commit at {fraction:P0} ({rate:0}/s, open loop)", load.AchievedPerSecond, load.Failed,
                    OpenLoopLoad.Percentile(load.AckLatency, 50), OpenLoopLoad.Percentile(load.AckLatency, 99), OpenLoopLoad.Percentile(load.AckLatency, 99.9),
                    gateway.PeakRssMiB(), CpuSplit.Sample.Take(gateway).Since(cpu), disk.Stop(), OfferedFraction: fraction));
            }
        }

        return results;
    }

    public static string Markdown(IReadOnlyList<Figures> results, int connections, TimeSpan duration)
    {
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"Ingest only (`--role ingest`), signed Salla order webhooks (~1.5 KB, 1 in 50 a redelivery); maximum: {connections} connections, closed loop, {duration.TotalSeconds:0} s per mode after a warm-up that lasts until the JIT has settled. Beside each load, a probe wrote and flushed 4 KiB to the same disk every 20 ms: every durable ack waits for a flush, and when the disk stalls, the acks do.",
            "",
            "| database | mode | acks/s | vs ceiling | vs naive | failed | p50 ms | p99 ms | p99.9 ms | disk flush beside it: p99 / max ms | peak RSS MiB | cores: gateway / PostgreSQL / load |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var database in results.GroupBy(r => r.Database))
        {
            var ceiling = database.First(r => r.Mode.StartsWith("HMAC", StringComparison.Ordinal)).AckedPerSecond;
            var naive = database.First(r => r.Mode.StartsWith("naive", StringComparison.Ordinal)).AckedPerSecond;
            foreach (var r in database)
            {
                lines.Add($"| {r.Database} | {r.Mode} | {F(r.AckedPerSecond)} | {r.AckedPerSecond / ceiling:0.00}× | {r.AckedPerSecond / naive:0.00}× | {r.Failed} | {F(r.P50)} | {F(r.P99)} | {F(r.P999)} | {F(r.Disk.Percentile(99))} / {F(r.Disk.MaxMilliseconds)} | {F(r.PeakRssMiB)} | {r.Cpu} |");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }
}

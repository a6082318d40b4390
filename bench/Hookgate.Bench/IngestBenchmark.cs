using System.Globalization;

namespace Hookgate.Bench;

/// <summary>
/// Issue 4's ingest figures, per database, side by side in one run: the most durable acks per second with group
/// commit, against the same process verifying only (the ceiling) and committing each request alone (naive); then
/// ack latency against offered load, 50% of the group-commit maximum among the points.
/// </summary>
/// <remarks>
/// This machine's speed drifts by a fifth or more within minutes, the ceiling's as much as the rest, so one load of each
/// mode gives a ratio as noisy as that. Instead the three gateways are started and warmed up together (each on a
/// database of its own) and then loaded in turn, round after round: a ratio is taken within a round, from loads
/// seconds apart, and the table gives the median round's.
/// </remarks>
public static class IngestBenchmark
{
    public sealed record Mode(string Key, string Name, string Path, string[] Arguments);

    public static readonly Mode[] Modes =
    [
        new("ceiling", "HMAC-verify ceiling (no storage)", "/bench/verify/steady", ["--Hookgate:Benchmark:Ceiling=true"]),
        new("naive", "naive: one transaction per request", "/webhooks/steady", ["--Hookgate:Inbox:Commit=PerRequest"]),
        new("group", "group commit", "/webhooks/steady", []),
    ];

    /// <summary>
    /// One measured load: a round of the maxima (<paramref name="Round"/>), or an open-loop point
    /// (<paramref name="OfferedFraction"/>, a share of the group-commit maximum).
    /// </summary>
    /// <param name="GatewayP99">The bucket of the gateway's own p99 (<see cref="GatewayAckTime"/>), in ms.</param>
    /// <param name="Disk">The disk's own flushes during the load (<see cref="DiskProbe"/>).</param>
    public sealed record Figures(string Database, string Mode, double AckedPerSecond, int Failed, double P50, double P99, double P999, string GatewayP99, double PeakRssMiB, CpuSplit Cpu, DiskProbe.Result Disk, int? Round = null, double? OfferedFraction = null);

    private static readonly double[] SweepFractions = [0.1, 0.25, 0.5, 0.75, 0.9];

    /// <param name="newScenario">A fresh database of the scenario's kind, one for each mode's gateway.</param>
    public static async Task<List<Figures>> RunAsync(Func<Task<Scenario>> newScenario, int connections, TimeSpan duration, int rounds)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var results = new List<Figures>();
        var contenders = new List<IngestContender>();
        try
        {
            foreach (var mode in Modes)
            {
                contenders.Add(await IngestContender.StartAsync(await newScenario(), mode, connections, runId));
            }

            for (var round = 1; round <= rounds; round++)
            {
                foreach (var contender in contenders)
                {
                    Console.Error.WriteLine($"[{contender.Scenario.Name}] round {round} of {rounds}, {contender.Mode.Name}: {connections} connections for {duration.TotalSeconds} s");
                    DirtyPages.WriteBack();
                    var cpu = CpuSplit.Sample.Take(contender.Gateway);
                    var ackTime = await GatewayAckTime.ScrapeAsync(contender.Client);
                    using var disk = DiskProbe.Start(duration);
                    var load = await ClosedLoopLoad.RunAsync(contender.Client, connections, duration, i => contender.Orders.Create(i, $"{runId}r{round}"));
                    results.Add(new Figures(contender.Scenario.Name, contender.Mode.Name, load.AchievedPerSecond, load.Failed,
                        OpenLoopLoad.Percentile(load.AckLatency, 50), OpenLoopLoad.Percentile(load.AckLatency, 99), OpenLoopLoad.Percentile(load.AckLatency, 99.9),
                        (await GatewayAckTime.ScrapeAsync(contender.Client)).PercentileBucket(ackTime, 99), contender.Gateway.PeakRssMiB(), CpuSplit.Sample.Take(contender.Gateway).Since(cpu), disk.Stop(), Round: round));
                }
            }
        }
        finally
        {
            foreach (var contender in contenders)
            {
                await contender.DisposeAsync();
            }
        }

        // Latency against offered load, open loop, in one gateway process: the plot's points, 50% among them.
        var scenario = await newScenario();
        var maximum = Median(results.Where(r => r.Mode == Modes[^1].Name), r => r.AckedPerSecond).AckedPerSecond;
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
                var ackTime = await GatewayAckTime.ScrapeAsync(client);
                using var disk = DiskProbe.Start(duration);
                var load = await OpenLoopLoad.RunAsync(client, rate, duration, 256, i => sweep.Create(loadFrom + i, runId));
                sent += load.Sent;
                results.Add(new Figures(scenario.Name, $"group commit at {fraction:P0} ({rate:0}/s, open loop)", load.AchievedPerSecond, load.Failed,
                    OpenLoopLoad.Percentile(load.AckLatency, 50), OpenLoopLoad.Percentile(load.AckLatency, 99), OpenLoopLoad.Percentile(load.AckLatency, 99.9),
                    (await GatewayAckTime.ScrapeAsync(client)).PercentileBucket(ackTime, 99), gateway.PeakRssMiB(), CpuSplit.Sample.Take(gateway).Since(cpu), disk.Stop(), OfferedFraction: fraction));
            }
        }

        return results;
    }

    public static string Markdown(IReadOnlyList<Figures> results, int connections, TimeSpan duration)
    {
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        static string X(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";
        var rounds = results.Max(r => r.Round ?? 0);
        var lines = new List<string>
        {
            $"Ingest only (`--role ingest`), signed Salla order webhooks (~1.5 KB, 1 in 50 a redelivery); maximum: {connections} connections, closed loop, {duration.TotalSeconds:0} s per mode in each of {rounds} rounds. The three modes' gateways were warmed up together until their JIT had settled, each on a database of its own, then loaded in turn, round after round; the maxima's rows are the round whose group commit vs ceiling is the median, and every round's ratios follow the table. The open-loop points are shares of the median of the group-commit maxima. The gateway's own p99 is the bucket of its `hookgate.ingest.duration` histogram that holds the p99 of the same load, from the first body byte read to the durable ack: the rest of an ack's latency passed in Kestrel, on loopback and in the load generator. Beside each load, a probe wrote and flushed 4 KiB to the same disk every 20 ms: every durable ack waits for a flush, and when the disk stalls, the acks do.",
            "",
            "| database | mode | acks/s | vs ceiling | vs naive | failed | p50 ms | p99 ms | p99.9 ms | the gateway's own p99 (its histogram's bucket), ms | disk flush beside it: p99 / max ms | peak RSS MiB | cores: gateway / PostgreSQL / load |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        var roundLines = new List<string>();
        foreach (var database in results.GroupBy(r => r.Database))
        {
            var perRound = database.Where(r => r.Round is not null).GroupBy(r => r.Round!.Value).Select(round => new
            {
                Round = round.Key,
                Rows = round.ToList(),
                Ceiling = round.Single(r => r.Mode == Modes[0].Name).AckedPerSecond,
                Naive = round.Single(r => r.Mode == Modes[1].Name).AckedPerSecond,
                Group = round.Single(r => r.Mode == Modes[2].Name).AckedPerSecond,
            }).OrderBy(r => r.Round).ToList();
            var median = Median(perRound, r => r.Group / r.Ceiling);
            foreach (var r in median.Rows.Concat(database.Where(r => r.OfferedFraction is not null)))
            {
                lines.Add($"| {r.Database} | {r.Mode} | {F(r.AckedPerSecond)} | {X(r.AckedPerSecond / median.Ceiling)} | {X(r.AckedPerSecond / median.Naive)} | {r.Failed} | {F(r.P50)} | {F(r.P99)} | {F(r.P999)} | {r.GatewayP99} | {F(r.Disk.Percentile(99))} / {F(r.Disk.MaxMilliseconds)} | {F(r.PeakRssMiB)} | {r.Cpu} |");
            }

            roundLines.Add($"- {database.Key}, group commit in each round (the table: round {median.Round}): " + string.Join("; ", perRound.Select(r =>
                $"{F(r.Group)} acks/s, {X(r.Group / r.Ceiling)} the ceiling's {F(r.Ceiling)}, {X(r.Group / r.Naive)} naive's {F(r.Naive)}")));
        }

        lines.Add("");
        lines.AddRange(roundLines);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The middle item by <paramref name="key"/>; of an even count, the lower of the middle two.</summary>
    private static T Median<T>(IEnumerable<T> items, Func<T, double> key)
    {
        var sorted = items.OrderBy(key).ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}

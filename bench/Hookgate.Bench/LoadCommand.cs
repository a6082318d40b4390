using System.CommandLine;

namespace Hookgate.Bench;

/// <summary>
/// One ingest mode under one load for as long as asked, with the gateway's pid printed first: what a profiler
/// (perf, dotnet-trace) attaches to when the question is where the time goes.
/// </summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL server; SQLite when absent." };
        var mode = new Option<string>("--mode") { Description = "ceiling, naive or group.", DefaultValueFactory = _ => "group" };
        var rate = new Option<double?>("--rate") { Description = "Open loop at this many webhooks per second; closed loop when absent." };
        var connections = new Option<int>("--connections") { Description = "Connections of the closed loop (in-flight cap of the open one).", DefaultValueFactory = _ => 64 };
        var settings = new Option<string[]>("--set") { Description = "Gateway configuration for this run, key=value (e.g. Hookgate:Inbox:MaxBatchSize=64).", AllowMultipleArgumentsPerToken = true };
        var environment = new Option<string[]>("--env") { Description = "An environment variable for the gateway's process alone, NAME=VALUE (e.g. DOTNET_GCgen0size=0x4000000).", AllowMultipleArgumentsPerToken = true };
        var role = new Option<string>("--role") { Description = "The gateway's role: ingest, or all to profile the workers beside it.", DefaultValueFactory = _ => "ingest" };
        var seconds = new Option<int>("--seconds") { Description = "How long the load runs after the warm-up (until the JIT has settled).", DefaultValueFactory = _ => 30 };
        var command = new Command("load", "Runs one ingest mode under load and prints the gateway's pid, for profiling.")
        {
            postgres, mode, rate, connections, role, seconds, settings, environment,
        };
        command.SetAction(async (parse, _) =>
        {
            var scenario = parse.GetValue(postgres) is { } server ? await Scenario.PostgresAsync(server) : Scenario.Sqlite();
            var chosen = IngestBenchmark.Modes.Single(m => m.Key == parse.GetValue(mode));
            var orders = new SallaOrders("steady", "bench-salla-secret", chosen.Path);
            await using var gateway = await GatewayProcess.StartAsync([.. scenario.DatabaseArguments, .. orders.SourceArguments, "--role", parse.GetValue(role)!, .. chosen.Arguments,
                .. (parse.GetValue(settings) ?? []).Select(setting => "--" + setting)], parse.GetValue(environment));
            var inFlight = parse.GetValue(connections);
            using var client = gateway.CreateClient(inFlight);
            var runId = Guid.NewGuid().ToString("N")[..8];
            var offered = parse.GetValue(rate);
            Task<OpenLoopLoad.Result> Run(TimeSpan duration, int offset) => offered is { } perSecond
                ? OpenLoopLoad.RunAsync(client, perSecond, duration, inFlight, i => orders.Create(i + offset, runId))
                : ClosedLoopLoad.RunAsync(client, inFlight, duration, i => orders.Create(i + offset, runId));

            await Warmup.RunAsync(client, (duration, round) => Run(duration, 10_000_000 * (round + 1)));
            DirtyPages.WriteBack();
            var before = gateway.CpuSeconds();
            var split = CpuSplit.Sample.Take(gateway);
            var writerBefore = await WriterMetrics.ScrapeAsync(client);
            Console.WriteLine($"gateway pid {gateway.Pid}: {chosen.Name}, {(offered is { } r ? $"{r}/s open loop" : $"{inFlight} connections closed loop")}");
            using var stop = new CancellationTokenSource();
            var memory = ReportMemoryAsync(gateway, stop.Token);
            var length = TimeSpan.FromSeconds(parse.GetValue(seconds));
            var (gatewayGc, loadGc) = (await GcActivity.ScrapeAsync(client), GcActivity.OfThisProcess());
            var ackTime = await GatewayAckTime.ScrapeAsync(client);
            var commitTime = await GatewayAckTime.ScrapeAsync(client, GatewayAckTime.CommitDuration);
            var queueTime = await GatewayAckTime.ScrapeAsync(client, GatewayAckTime.QueueWait);
            using var disk = DiskProbe.Start(length);
            var load = await Run(length, 0);
            var ownAckTime = await GatewayAckTime.ScrapeAsync(client);
            var ownCommitTime = await GatewayAckTime.ScrapeAsync(client, GatewayAckTime.CommitDuration);
            var ownQueueTime = await GatewayAckTime.ScrapeAsync(client, GatewayAckTime.QueueWait);
            var gc = $"GC: gateway {(await GcActivity.ScrapeAsync(client)).Describe(gatewayGc)}; load generator {GcActivity.OfThisProcess().Describe(loadGc)}";
            var flushes = disk.Stop();
            await stop.CancelAsync();
            await memory;
            var after = gateway.CpuSeconds();
            var cores = CpuSplit.Sample.Take(gateway).Since(split);
            var writer = await WriterMetrics.ScrapeAsync(client);
            Console.WriteLine(
                $"acked/s {load.AchievedPerSecond:0.0}, failed {load.Failed}, p50 {OpenLoopLoad.Percentile(load.AckLatency, 50):0.0} ms, " +
                $"p99 {OpenLoopLoad.Percentile(load.AckLatency, 99):0.0} ms, p99.9 {OpenLoopLoad.Percentile(load.AckLatency, 99.9):0.0} ms, " +
                $"gateway CPU user {after.User - before.User:0.0} s sys {after.System - before.System:0.0} s, peak RSS {gateway.PeakRssMiB():0.0} MiB, " +
                $"cores gateway / PostgreSQL / load {cores}");
            var commits = ownCommitTime.Percentiles(commitTime);
            Console.WriteLine($"writer: {writer.Describe(writerBefore, load.Elapsed)}" +
                (commits == GatewayAckTime.NoneCounted ? "" : $"; a commit (its histogram's buckets): {commits}; an event's wait for its commit to start: {ownQueueTime.Percentiles(queueTime)}"));
            var own = ownAckTime.Percentiles(ackTime);
            Console.WriteLine(own == GatewayAckTime.NoneCounted
                ? "the gateway's own time: none recorded (the ceiling stores nothing)"
                : $"the gateway's own time, first body byte read to durable ack (its histogram's buckets): {own}");
            Console.WriteLine(gc);
            if (load.WorstPerSecond is { Length: > 0 } worst)
            {
                Console.WriteLine($"slowest ack of each second, ms:         {Latencies.PerSecond(worst)}");
            }

            Console.WriteLine($"slowest disk flush of each second, ms:  {Latencies.PerSecond(flushes.WorstPerSecond)}");
            Console.WriteLine($"disk flushes beside it (4 KiB, every 20 ms): p50 {flushes.Percentile(50):0.00} ms, p99 {flushes.Percentile(99):0.00} ms, max {flushes.MaxMilliseconds:0.0} ms");
            return 0;
        });
        return command;
    }

    /// <summary>Resident memory once a minute: a soak shows whether it levels off or keeps growing.</summary>
    private static async Task ReportMemoryAsync(GatewayProcess gateway, CancellationToken stop)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var minute = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await minute.WaitForNextTickAsync(stop))
            {
                Console.WriteLine($"{clock.Elapsed.TotalMinutes:0} min: RSS {gateway.RssMiB():0.0} MiB, peak {gateway.PeakRssMiB():0.0} MiB");
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }
}

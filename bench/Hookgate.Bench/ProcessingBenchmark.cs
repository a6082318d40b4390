using System.Globalization;

namespace Hookgate.Bench;

/// <summary>
/// Issue 3's figures, per database: at a fixed offered rate, how long a webhook takes from receipt to its domain
/// row; and how fast the workers drain a backlog when they have nothing else to do.
/// </summary>
public static class ProcessingBenchmark
{
    public sealed record Figures(
        string Database, double OfferedPerSecond, double AckedPerSecond, int Failed,
        double AckP50, double AckP99, double AckP999,
        double LagP50, double LagP99, double LagMax, int DeadLettered,
        double WorkerEventsPerSecond, int DrainEvents,
        double PeakRssMiB, CpuSplit Cpu, DiskProbe.Result Disk);

    public static async Task<Figures> RunAsync(Scenario scenario, double rate, TimeSpan duration, int drainEvents)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var steady = new SallaOrders("steady", "bench-salla-secret");
        var warm = new SallaOrders("warm", "bench-salla-secret");
        var drain = new SallaOrders("drain", "bench-salla-secret");
        string[] sources = [.. steady.SourceArguments, .. warm.SourceArguments, .. drain.SourceArguments];

        Console.Error.WriteLine($"[{scenario.Name}] steady load: {rate}/s for {duration.TotalSeconds} s");
        OpenLoopLoad.Result load;
        ProcessingLag.Result lag;
        double peakRss;
        CpuSplit cpu;
        DiskProbe.Result disk;
        await using (var gateway = await GatewayProcess.StartAsync([.. scenario.DatabaseArguments, .. sources]))
        {
            using var client = gateway.CreateClient(256);
            await Warmup.RunAsync(client, (length, round) => OpenLoopLoad.RunAsync(client, rate, length, 256, i => warm.Create(i, $"{runId}{round}")));
            DirtyPages.WriteBack();
            var cpuBefore = CpuSplit.Sample.Take(gateway);
            using var probe = DiskProbe.Start(duration);
            load = await OpenLoopLoad.RunAsync(client, rate, duration, 256, i => steady.Create(i, runId));
            disk = probe.Stop();
            cpu = CpuSplit.Sample.Take(gateway).Since(cpuBefore);
            await ProcessingLag.WaitUntilProcessedAsync(scenario.OpenAsync, "steady", TimeSpan.FromMinutes(2));
            lag = await ProcessingLag.MeasureAsync(scenario.OpenAsync, "steady");
            peakRss = gateway.PeakRssMiB();
        }

        Console.Error.WriteLine($"[{scenario.Name}] backlog of {drainEvents} events for the workers alone");
        await using (var ingest = await GatewayProcess.StartAsync([.. scenario.DatabaseArguments, .. sources, "--role", "ingest"]))
        {
            using var client = ingest.CreateClient(256);
            await OpenLoopLoad.RunAsync(client, 5000, TimeSpan.FromSeconds(drainEvents / 5000.0), 64, i => drain.Create(i, runId));
        }

        DirtyPages.WriteBack();
        await using (await GatewayProcess.StartAsync([.. scenario.DatabaseArguments, .. sources, "--role", "worker"]))
        {
            await ProcessingLag.WaitUntilProcessedAsync(scenario.OpenAsync, "drain", TimeSpan.FromMinutes(5));
        }

        var drained = await ProcessingLag.MeasureAsync(scenario.OpenAsync, "drain");
        return new Figures(
            scenario.Name, rate, load.AchievedPerSecond, load.Failed,
            OpenLoopLoad.Percentile(load.AckLatency, 50), OpenLoopLoad.Percentile(load.AckLatency, 99), OpenLoopLoad.Percentile(load.AckLatency, 99.9),
            OpenLoopLoad.Percentile(lag.Lag, 50), OpenLoopLoad.Percentile(lag.Lag, 99), OpenLoopLoad.Percentile(lag.Lag, 100), lag.DeadLettered + drained.DeadLettered,
            drained.Processed / drained.DrainSeconds, drained.Processed,
            peakRss, cpu, disk);
    }

    public static string Markdown(IReadOnlyList<Figures> results, double rate, TimeSpan duration)
    {
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"Offered load: {rate:0}/s of signed Salla order webhooks (~1.5 KB; 1 in 5 an update of an earlier order, 1 in 50 a redelivery) for {duration.TotalSeconds:0} s, open loop, latency timed from each request's due time; beside it, a probe wrote and flushed 4 KiB to the same disk every 20 ms.",
            "",
            "| database | acked/s | failed | ack p50 ms | ack p99 ms | ack p99.9 ms | receipt→row p50 ms | receipt→row p99 ms | receipt→row max ms | disk flush beside it: p99 / max ms | dead letters | workers alone, events/s | peak RSS MiB | cores: gateway / PostgreSQL / load |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var r in results)
        {
            lines.Add($"| {r.Database} | {F(r.AckedPerSecond)} | {r.Failed} | {F(r.AckP50)} | {F(r.AckP99)} | {F(r.AckP999)} | {F(r.LagP50)} | {F(r.LagP99)} | {F(r.LagMax)} | {F(r.Disk.Percentile(99))} / {F(r.Disk.MaxMilliseconds)} | {r.DeadLettered} | {F(r.WorkerEventsPerSecond)} ({r.DrainEvents} events) | {F(r.PeakRssMiB)} | {r.Cpu} |");
        }

        return string.Join(Environment.NewLine, lines);
    }
}

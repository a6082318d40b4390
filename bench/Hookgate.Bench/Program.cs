using System.CommandLine;
using System.Globalization;
using Hookgate.Bench;

var postgres = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL server to create a throwaway database on; SQLite only when absent." };
var rate = new Option<double>("--rate") { Description = "Offered webhooks per second.", DefaultValueFactory = _ => 1000 };
var seconds = new Option<int>("--seconds") { Description = "How long the steady load runs.", DefaultValueFactory = _ => 20 };
var drain = new Option<int>("--drain-events") { Description = "Backlog the workers drain alone.", DefaultValueFactory = _ => 10000 };
var output = new Option<FileInfo?>("--out") { Description = "Markdown file to append the results to." };

var processing = new Command("processing", "Receipt → domain row latency at a fixed rate, and worker throughput, on SQLite and PostgreSQL.")
{
    postgres, rate, seconds, drain, output,
};
processing.SetAction(async (parse, _) =>
{
    var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
    var offered = parse.GetValue(rate);
    List<Scenario> scenarios = [Scenario.Sqlite()];
    if (parse.GetValue(postgres) is { } server)
    {
        scenarios.Add(await Scenario.PostgresAsync(server));
    }

    var results = new List<ProcessingBenchmark.Figures>();
    foreach (var scenario in scenarios)
    {
        results.Add(await ProcessingBenchmark.RunAsync(scenario, offered, duration, parse.GetValue(drain)));
    }

    var markdown = ProcessingBenchmark.Markdown(results, offered, duration);
    Console.WriteLine(markdown);
    if (parse.GetValue(output) is { } file)
    {
        await File.AppendAllTextAsync(file.FullName, Environment.NewLine + markdown + Environment.NewLine);
    }

    return 0;
});

var connections = new Option<int>("--connections") { Description = "Concurrent connections of the closed-loop maximum.", DefaultValueFactory = _ => 64 };
var ingestSeconds = new Option<int>("--seconds") { Description = "How long each mode runs.", DefaultValueFactory = _ => 10 };
var ingestPostgres = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL server; SQLite only when absent." };
var ingestRounds = new Option<int>("--rounds") { Description = "Rounds of the maxima: each loads the three modes in turn, and a ratio is taken within one.", DefaultValueFactory = _ => 3 };
var ingestOutput = new Option<FileInfo?>("--out") { Description = "Markdown file to append the results to." };
var ingestPlot = new Option<FileInfo?>("--plot") { Description = "PNG of ack latency against offered load to write." };
var ingest = new Command("ingest", "Durable acks/s at maximum load against the verify-only ceiling and naive per-request commits, and latency at 50% load.")
{
    ingestPostgres, connections, ingestSeconds, ingestRounds, ingestOutput, ingestPlot,
};
ingest.SetAction(async (parse, _) =>
{
    var duration = TimeSpan.FromSeconds(parse.GetValue(ingestSeconds));
    List<Func<Task<Scenario>>> scenarios = [() => Task.FromResult(Scenario.Sqlite())];
    if (parse.GetValue(ingestPostgres) is { } server)
    {
        scenarios.Add(() => Scenario.PostgresAsync(server));
    }

    var results = new List<IngestBenchmark.Figures>();
    foreach (var newScenario in scenarios)
    {
        results.AddRange(await IngestBenchmark.RunAsync(newScenario, parse.GetValue(connections), duration, Math.Max(1, parse.GetValue(ingestRounds))));
    }

    if (parse.GetValue(ingestPlot) is { } plot)
    {
        LatencyPlot.Write(results, plot.FullName);
    }

    var markdown = IngestBenchmark.Markdown(results, parse.GetValue(connections), duration);
    Console.WriteLine(markdown);
    if (parse.GetValue(ingestOutput) is { } file)
    {
        await File.AppendAllTextAsync(file.FullName, Environment.NewLine + markdown + Environment.NewLine);
    }

    return 0;
});

var diskSeconds = new Option<int>("--seconds") { Description = "How long to probe.", DefaultValueFactory = _ => 60 };
var disk = new Command("disk", "The disk's own flush latency with nothing else running: what every durable ack waits for.") { diskSeconds };
disk.SetAction(async (parse, _) =>
{
    var length = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(diskSeconds)));
    using var probe = DiskProbe.Start(length);
    await Task.Delay(length);
    var flushes = probe.Stop();
    Console.WriteLine($"slowest disk flush of each second, ms: {Latencies.PerSecond(flushes.WorstPerSecond)}");
    Console.WriteLine($"disk flushes (4 KiB, every 20 ms): p50 {flushes.Percentile(50):0.00} ms, p99 {flushes.Percentile(99):0.00} ms, p99.9 {flushes.Percentile(99.9):0.00} ms, max {flushes.MaxMilliseconds:0.0} ms");
    return 0;
});

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await new RootCommand("Hookgate benchmarks, run against this machine's own gateway over loopback.") { processing, ingest, LoadCommand.Create(), disk }.Parse(args).InvokeAsync();

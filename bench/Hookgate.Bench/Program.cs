using System.CommandLine;
using System.Globalization;
using Hookgate.Bench;

var postgres = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL server to create a throwaway database on; SQLite only when absent." };
var rate = new Option<double>("--rate") { Description = "Offered webhooks per second.", DefaultValueFactory = _ => 1000 };
var seconds = new Option<int>("--seconds") { Description = "How long the steady load runs.", DefaultValueFactory = _ => 20 };
var drain = new Option<int>("--drain-events") { Description = "Backlog the workers drain alone.", DefaultValueFactory = _ => 10000 };
var output = new Option<FileInfo?>("--out") { Description = "Markdown file to (re)write with the results." };

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
        await File.WriteAllTextAsync(file.FullName, markdown + Environment.NewLine);
    }

    return 0;
});

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await new RootCommand("Hookgate benchmarks, run against this machine's own gateway over loopback.") { processing }.Parse(args).InvokeAsync();

using System.Diagnostics;

namespace Hookgate.Bench;

/// <summary>
/// Loads the gateway until its JIT has settled: tiered compilation keeps recompiling hot methods for many seconds
/// after start on two cores (a quarter of the gateway's CPU samples, 10 s in), and a figure taken meanwhile measures
/// the compiler. Settled: a 2 s round of load added less than 20 ms of JIT time, by the gateway's own runtime metrics.
/// </summary>
public static class Warmup
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(40);
    private const double SettledJitSeconds = 0.020;

    /// <param name="load">Runs one round of load; its argument numbers the round, so that deliveries stay distinct.</param>
    public static async Task<TimeSpan> RunAsync(HttpClient client, Func<TimeSpan, int, Task> load)
    {
        var clock = Stopwatch.StartNew();
        var jit = await JitSecondsAsync(client);
        for (var round = 0; clock.Elapsed < Longest; round++)
        {
            await load(Round, round);
            var now = await JitSecondsAsync(client);
            if (round > 0 && now - jit < SettledJitSeconds)
            {
                break;
            }

            jit = now;
        }

        Console.Error.WriteLine($"warmed up for {clock.Elapsed.TotalSeconds:0} s");
        return clock.Elapsed;
    }

    private static async Task<double> JitSecondsAsync(HttpClient client)
    {
        const string name = "dotnet_jit_compilation_time_seconds_total";
        var exposition = await client.GetStringAsync("/metrics");
        return exposition.Contains(name, StringComparison.Ordinal)
            ? PrometheusText.Value(exposition, name)
            : throw new InvalidOperationException($"The gateway's /metrics has no {name}: the warm-up cannot tell when the JIT has settled.");
    }
}

using System.Diagnostics;
using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>
/// The disk's own flush latency, measured beside a phase: 4 KiB written and flushed to the disk (fsync) every 20 ms,
/// in a file of the temporary directory, where the bench keeps its SQLite files and scripts/bench.sh its PostgreSQL
/// cluster. Every durable ack waits for a flush, and this machine's disk stalls by itself: on an idle machine, a
/// Python loop of write-and-fdatasync saw single flushes of 0.6 and 0.9 s, in bursts (docs/benchmarks.md). The
/// slowest flush of each second, beside the slowest ack of that second, tells a stall of the disk from one of the
/// gateway. Fifty flushes a second are a few percent of what the gateway itself flushes under load.
/// </summary>
public sealed class DiskProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly string path = Path.Combine(Path.GetTempPath(), $"hookgate-bench-disk-probe-{Guid.NewGuid():N}");
    private readonly Latencies flushes;
    private readonly Thread thread;
    private volatile bool stopping;

    private DiskProbe(TimeSpan duration)
    {
        flushes = new Latencies(duration);
        // Its own thread: on the thread pool, a flush's time would include waiting behind the load's completions.
        thread = new Thread(Run) { IsBackground = true, Name = "disk probe" };
    }

    /// <param name="duration">How long the phase beside it is planned to run.</param>
    public static DiskProbe Start(TimeSpan duration)
    {
        var probe = new DiskProbe(duration);
        probe.thread.Start();
        return probe;
    }

    public Result Stop()
    {
        stopping = true;
        thread.Join();
        File.Delete(path);
        return new Result(flushes.Histogram, flushes.WorstPerSecond);
    }

    private void Run()
    {
        var block = new byte[4096];
        Random.Shared.NextBytes(block);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var clock = Stopwatch.StartNew();
        for (var i = 0L; !stopping; i++)
        {
            var started = clock.Elapsed;
            // Within the first MiB: after the first pass the blocks exist, as the WAL's recycled segments do.
            file.Position = i % 256 * block.Length;
            file.Write(block);
            file.Flush(flushToDisk: true);
            flushes.Record(started, clock.Elapsed - started);
            // From the end of this flush, so that one stalled flush is followed by one flush, not a catch-up burst.
            Pacer.WaitUntil(clock, clock.Elapsed + Interval);
        }
    }

    /// <param name="WorstPerSecond">The slowest flush of each second, in ms.</param>
    public sealed record Result(LongHistogram Flushes, double[] WorstPerSecond)
    {
        public double Percentile(double percentile) => OpenLoopLoad.Percentile(Flushes, percentile);

        public double MaxMilliseconds => Flushes.GetMaxValue() / (double)TimeSpan.TicksPerMillisecond;
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using HdrHistogram;
using Microsoft.Win32.SafeHandles;

namespace Hookgate.Bench;

/// <summary>
/// The disk's own flush latency, measured beside a phase: 4 KiB written and flushed to the disk (fdatasync, as
/// PostgreSQL flushes its WAL) every 20 ms, in a file of the temporary directory, where the bench keeps its SQLite
/// files and scripts/bench.sh its PostgreSQL cluster (/tmp unless TMPDIR says otherwise). Every durable ack waits
/// for a flush, and this machine's disk stalls by itself: on an idle machine, a Python loop of write-and-fdatasync
/// saw single flushes of 184 and 910 ms, and this probe alone one of 623 ms (docs/benchmarks.md). The slowest flush
/// of each second, beside the slowest ack of that second, tells a stall of the disk from one of the gateway. Fifty
/// flushes a second are a seventh of the gateway's own at the PostgreSQL maximum, and a smaller share below it.
/// </summary>
public sealed partial class DiskProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly Latencies flushes;
    private readonly Thread thread;
    private volatile bool stopping;
    private Exception? failure;

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

    /// <summary>Stops probing (after the flush in progress, if any) and returns what the flushes took.</summary>
    public Result Stop()
    {
        Dispose();
        return failure is null
            ? new Result(flushes.Histogram, flushes.WorstPerSecond)
            : throw new InvalidOperationException("The disk probe failed.", failure);
    }

    /// <summary>Stops probing; what a phase that failed midway leaves running.</summary>
    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }

    private void Run()
    {
        try
        {
            var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hookgate-bench"));
            var block = new byte[4096];
            Random.Shared.NextBytes(block);
            using var file = File.OpenHandle(Path.Combine(directory.FullName, $"disk-probe-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose);
            var clock = Stopwatch.StartNew();
            for (var i = 0L; !stopping; i++)
            {
                var started = clock.Elapsed;
                // Within the first MiB: after the first pass the blocks exist, as the WAL's recycled segments do.
                RandomAccess.Write(file, block, i % 256 * block.Length);
                if (fdatasync(file) != 0)
                {
                    throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()}).");
                }

                flushes.Record(started, clock.Elapsed - started);
                // From the end of this flush, so that one stalled flush is followed by one flush, not a catch-up burst.
                Pacer.WaitUntil(clock, clock.Elapsed + Interval);
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(SafeFileHandle file);

    /// <param name="WorstPerSecond">The slowest flush of each second, in ms.</param>
    public sealed record Result(LongHistogram Flushes, double[] WorstPerSecond)
    {
        public double Percentile(double percentile) => OpenLoopLoad.Percentile(Flushes, percentile);

        public double MaxMilliseconds => Flushes.GetMaxValue() / (double)TimeSpan.TicksPerMillisecond;
    }
}

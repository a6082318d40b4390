using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>
/// Latencies recorded from any thread, all of them in a histogram and the slowest of each second: the loads record
/// their acks here, the <see cref="DiskProbe"/> its flushes.
/// </summary>
internal sealed class Latencies(TimeSpan duration)
{
    private readonly double[] worstPerSecond = new double[Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds))];

    public LongHistogram Histogram { get; } = new(TimeSpan.FromSeconds(60).Ticks, 3);

    /// <summary>The slowest of each second of the run, in ms; read once the run is over.</summary>
    public double[] WorstPerSecond => worstPerSecond;

    /// <param name="at">When it started (for an ack: when the request was due, or sent in a closed loop), from the start of the run.</param>
    public void Record(TimeSpan at, TimeSpan latency)
    {
        lock (worstPerSecond)
        {
            Histogram.RecordValue(Math.Max(0, latency.Ticks));
            var second = Math.Min((int)at.TotalSeconds, worstPerSecond.Length - 1);
            worstPerSecond[second] = Math.Max(worstPerSecond[second], latency.TotalMilliseconds);
        }
    }

    /// <summary>The slowest of each second as a line of whole milliseconds, for the console.</summary>
    public static string PerSecond(double[] milliseconds) =>
        string.Join(" ", milliseconds.Select(ms => ms.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
}

using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>What both loads record of each answer, from any of their threads: its latency, and the slowest of each second.</summary>
internal sealed class AckLatencies(TimeSpan duration)
{
    private readonly double[] worstPerSecond = new double[(int)Math.Ceiling(duration.TotalSeconds)];

    public LongHistogram Histogram { get; } = new(TimeSpan.FromSeconds(60).Ticks, 3);

    /// <summary>The slowest ack of each second of the run, in ms; read once the load is over.</summary>
    public double[] WorstPerSecond => worstPerSecond;

    /// <param name="at">When the request was due (open loop) or sent (closed loop), from the start of the run.</param>
    public void Record(TimeSpan at, TimeSpan latency)
    {
        lock (worstPerSecond)
        {
            Histogram.RecordValue(Math.Max(0, latency.Ticks));
            var second = Math.Min((int)at.TotalSeconds, worstPerSecond.Length - 1);
            worstPerSecond[second] = Math.Max(worstPerSecond[second], latency.TotalMilliseconds);
        }
    }
}

namespace Hookgate.Bench;

/// <summary>
/// The gateway's own time per stored request, from its first body byte read to the durable ack, as its
/// `hookgate.ingest.duration` histogram counted it so far. Set beside the load generator's figures, it tells how
/// much of an ack's latency passed inside the gateway's handler and how much outside it: in Kestrel, on loopback,
/// and in the load generator waiting for a core.
/// </summary>
public sealed record GatewayAckTime(IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    private const string Histogram = "hookgate_ingest_duration_milliseconds_bucket";

    public static async Task<GatewayAckTime> ScrapeAsync(HttpClient gateway) =>
        new(PrometheusText.Buckets(await gateway.GetStringAsync("/metrics"), Histogram));

    /// <summary>
    /// The percentile of the requests counted since <paramref name="before"/>, interpolated within its bucket; null if
    /// none was counted (the ceiling stores nothing), or if it lies past the last finite bound.
    /// </summary>
    public double? Percentile(GatewayAckTime before, double percentile)
    {
        var total = Buckets.Count == 0 ? 0 : Buckets[^1].Count - before.Buckets.LastOrDefault().Count;
        if (total <= 0)
        {
            return null;
        }

        var rank = total * percentile / 100;
        var (lower, below) = (0.0, 0.0);
        for (var i = 0; i < Buckets.Count; i++)
        {
            var (bound, cumulative) = Buckets[i];
            var count = cumulative - (i < before.Buckets.Count ? before.Buckets[i].Count : 0);
            if (count >= rank)
            {
                return double.IsPositiveInfinity(bound) ? null : lower + (bound - lower) * (rank - below) / Math.Max(count - below, 1);
            }

            (lower, below) = (bound, count);
        }

        return null;
    }
}

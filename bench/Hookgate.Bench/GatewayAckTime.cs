using System.Globalization;

namespace Hookgate.Bench;

/// <summary>
/// The gateway's own time per stored request, from its first body byte read to the durable ack, as its
/// `hookgate.ingest.duration` histogram counted it so far. Set beside the load generator's figures, it tells how
/// much of an ack's latency passed inside the gateway's handler and how much outside it: in Kestrel, on loopback,
/// and in the load generator waiting for a core. Read from `hookgate.inbox.commit.duration` instead, it tells how much
/// of the gateway's own time its commits took; from `hookgate.inbox.queue.wait`, how long its events waited for one.
/// </summary>
public sealed record GatewayAckTime(IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    /// <summary>What <see cref="PercentileBucket"/> gives when no stored request was counted.</summary>
    public const string NoneCounted = "—";

    public const string IngestDuration = "hookgate_ingest_duration_milliseconds_bucket";

    public const string CommitDuration = "hookgate_inbox_commit_duration_milliseconds_bucket";

    public const string QueueWait = "hookgate_inbox_queue_wait_milliseconds_bucket";

    public static async Task<GatewayAckTime> ScrapeAsync(HttpClient gateway, string histogram = IngestDuration) =>
        new(PrometheusText.Buckets(await gateway.GetStringAsync("/metrics"), histogram));

    /// <summary>
    /// The bucket that holds the percentile of the requests counted since <paramref name="before"/>, as "lower–upper"
    /// in ms: a histogram knows no more than that, and a point interpolated within a wide bucket can lie above the
    /// load generator's own figure. <see cref="NoneCounted"/> if none was counted (the ceiling stores nothing).
    /// </summary>
    public string PercentileBucket(GatewayAckTime before, double percentile)
    {
        var total = Buckets.Count == 0 ? 0 : Buckets[^1].Count - before.Buckets.LastOrDefault().Count;
        if (total <= 0)
        {
            return NoneCounted;
        }

        var rank = total * percentile / 100;
        var lower = 0.0;
        for (var i = 0; i < Buckets.Count; i++)
        {
            var (bound, cumulative) = Buckets[i];
            if (cumulative - (i < before.Buckets.Count ? before.Buckets[i].Count : 0) >= rank)
            {
                return double.IsPositiveInfinity(bound) ? $"> {Ms(lower)}" : $"{Ms(lower)}–{Ms(bound)}";
            }

            lower = bound;
        }

        return NoneCounted;
    }

    /// <summary>"p50 … ms, p99 … ms, p99.9 … ms" of the requests counted since <paramref name="before"/>, or <see cref="NoneCounted"/>.</summary>
    public string Percentiles(GatewayAckTime before) =>
        PercentileBucket(before, 50) is var p50 && p50 == NoneCounted
            ? NoneCounted
            : $"p50 {p50} ms, p99 {PercentileBucket(before, 99)} ms, p99.9 {PercentileBucket(before, 99.9)} ms";

    private static string Ms(double milliseconds) => milliseconds.ToString("0.##", CultureInfo.InvariantCulture);
}

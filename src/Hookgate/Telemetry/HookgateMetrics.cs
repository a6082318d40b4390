using System.Diagnostics.Metrics;
using Hookgate.Ingest;

namespace Hookgate.Telemetry;

/// <summary>The gateway's own instruments, exported at /metrics.</summary>
public sealed class HookgateMetrics
{
    public const string MeterName = "Hookgate";

    private readonly Counter<long> received;
    private readonly Counter<long> rejected;
    private readonly Histogram<double> ingestDuration;
    private readonly Histogram<long> commitBatchSize;
    private readonly Histogram<double> commitDuration;
    private readonly Histogram<double> queueWait;
    private readonly Counter<long> processed;
    private readonly Histogram<double> processingDuration;
    private readonly Histogram<double> receiptToApplied;
    private readonly Counter<long> deadLetters;
    private readonly Histogram<double> checkpointHold;

    /// <summary>
    /// Bucket bounds of the latency histograms, in ms. OpenTelemetry's default ones (0, 5, 10, 25, ...) put every
    /// ack of a healthy gateway in the first bucket, where no percentile under 5 ms can be read. A percentile read
    /// off a histogram is only known to its bucket, so the bounds are close where acks are: a millisecond apart
    /// around 5 ms.
    /// </summary>
    private static readonly InstrumentAdvice<double> LatencyBuckets = new()
    {
        HistogramBucketBoundaries = [0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15, 20, 30, 40, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000, 10000],
    };

    public HookgateMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        received = meter.CreateCounter<long>("hookgate.webhooks.received", "{request}", "Requests stored or recognised as duplicates, by source and outcome.");
        rejected = meter.CreateCounter<long>("hookgate.webhooks.rejected", "{request}", "Requests refused, by source and reason.");
        ingestDuration = meter.CreateHistogram<double>("hookgate.ingest.duration", "ms", "From the first byte read to the durable ack.", advice: LatencyBuckets);
        commitBatchSize = meter.CreateHistogram<long>("hookgate.inbox.commit.size", "{event}", "Events written by one group commit.");
        commitDuration = meter.CreateHistogram<double>("hookgate.inbox.commit.duration", "ms", "Time one group commit took.", advice: LatencyBuckets);
        queueWait = meter.CreateHistogram<double>(
            "hookgate.inbox.queue.wait", "ms", "From an event queued for the group commit to the start of the commit that writes it.", advice: LatencyBuckets);
        processed = meter.CreateCounter<long>("hookgate.events.processed", "{attempt}", "Processing attempts, by source and resulting status.");
        processingDuration = meter.CreateHistogram<double>("hookgate.processing.duration", "ms", "One attempt: translation and commit.", advice: LatencyBuckets);
        receiptToApplied = meter.CreateHistogram<double>("hookgate.processing.lag", "ms", "From receipt to the attempt's commit.", advice: LatencyBuckets);
        deadLetters = meter.CreateCounter<long>("hookgate.dead_letters", "{event}", "Events dead-lettered, by source.");
        checkpointHold = meter.CreateHistogram<double>(
            "hookgate.sqlite.checkpoint.hold", "ms", "SQLite: how long a checkpoint held the writers back to start the log over.", advice: LatencyBuckets);
    }

    public void RecordReceived(string source, bool duplicate, TimeSpan elapsed)
    {
        var sourceTag = new KeyValuePair<string, object?>("source", source);
        received.Add(1, sourceTag, new KeyValuePair<string, object?>("outcome", duplicate ? "duplicate" : "received"));
        ingestDuration.Record(elapsed.TotalMilliseconds, sourceTag);
    }

    public void RecordRejected(string source, IngestStatus reason) =>
        rejected.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void RecordCommit(int events, TimeSpan elapsed)
    {
        commitBatchSize.Record(events);
        commitDuration.Record(elapsed.TotalMilliseconds);
    }

    public void RecordQueueWait(TimeSpan elapsed) => queueWait.Record(elapsed.TotalMilliseconds);

    public void RecordProcessed(string source, string status, TimeSpan duration, TimeSpan sinceReceipt)
    {
        var sourceTag = new KeyValuePair<string, object?>("source", source);
        processed.Add(1, sourceTag, new KeyValuePair<string, object?>("status", status));
        processingDuration.Record(duration.TotalMilliseconds, sourceTag);
        receiptToApplied.Record(sinceReceipt.TotalMilliseconds, sourceTag);
    }

    public void RecordDeadLetter(string source) => deadLetters.Add(1, new KeyValuePair<string, object?>("source", source));

    public void RecordCheckpointHold(TimeSpan elapsed) => checkpointHold.Record(elapsed.TotalMilliseconds);
}

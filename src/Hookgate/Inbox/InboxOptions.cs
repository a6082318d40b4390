namespace Hookgate.Inbox;

public sealed class InboxOptions
{
    /// <summary>The most events one group commit writes in a transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Requests waiting for the writer beyond this are held back at the door (backpressure).</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>
    /// <see cref="InboxCommit.Grouped"/> (the default) commits concurrent requests together. <see cref="InboxCommit.PerRequest"/>
    /// gives every request its own transaction, as a hand-rolled endpoint does: kept for the benchmark to compare with.
    /// </summary>
    public InboxCommit Commit { get; set; } = InboxCommit.Grouped;
}

public enum InboxCommit
{
    Grouped,
    PerRequest,
}

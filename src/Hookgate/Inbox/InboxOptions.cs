namespace Hookgate.Inbox;

public sealed class InboxOptions
{
    /// <summary>The most events one group commit writes in a transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Requests waiting for the writer beyond this are held back at the door (backpressure).</summary>
    public int QueueCapacity { get; set; } = 4096;
}

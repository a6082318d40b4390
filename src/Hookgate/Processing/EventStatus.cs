namespace Hookgate.Processing;

/// <summary>The statuses an event goes through, as stored and shown.</summary>
public static class EventStatus
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Ignored = "ignored";
    public const string Failed = "failed";
    public const string DeadLettered = "dead_lettered";
}

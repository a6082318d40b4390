namespace Hookgate.Ingest;

public enum IngestStatus
{
    Received,
    Duplicate,
    UnknownSource,
    RateLimited,
    TooLarge,
    TooSlow,
    Unauthorized,
    BadRequest,
    StorageUnavailable,
}

/// <summary>What became of one delivery; <see cref="WebhookEndpoints"/> turns it into the HTTP answer.</summary>
public sealed record IngestOutcome(IngestStatus Status, Guid? EventId = null, string? Detail = null, TimeSpan? RetryAfter = null)
{
    public static IngestOutcome Received(Guid id) => new(IngestStatus.Received, id);

    public static IngestOutcome Duplicate(Guid id) => new(IngestStatus.Duplicate, id);
}

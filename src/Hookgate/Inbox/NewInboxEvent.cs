namespace Hookgate.Inbox;

/// <summary>
/// An accepted request as it is stored: immutable, complete enough to re-verify, replay, route or show it later.
/// </summary>
public sealed record NewInboxEvent(
    Guid Id,
    string Source,
    string Provider,
    string EventType,
    string? ProviderEventId,
    string DedupKey,
    string OrderingKey,
    DateTimeOffset ReceivedAt,
    string? ContentType,
    string? RemoteAddress,
    string Headers,
    byte[] Body);

/// <summary>Where an appended event ended up: newly stored, or the original it duplicates.</summary>
public readonly record struct AppendResult(Guid EventId, bool IsDuplicate);

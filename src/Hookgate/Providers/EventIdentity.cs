namespace Hookgate.Providers;

/// <summary>
/// Where an event belongs. <paramref name="DedupKey"/> is unique per source: the provider's event id where it has
/// one, a hash of the body where it has none. <paramref name="OrderingKey"/> (null: the source name) groups events that must be processed
/// one at a time, in the order received (one order, one payment intent).
/// </summary>
public readonly record struct EventIdentity(
    string EventType,
    string DedupKey,
    string? OrderingKey,
    string? ProviderEventId);

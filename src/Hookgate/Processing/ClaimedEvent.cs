namespace Hookgate.Processing;

/// <summary>An event this worker holds a lease on; (<paramref name="Worker"/>, <paramref name="Attempt"/>) names the claim.</summary>
public sealed record ClaimedEvent(StoredEvent Event, string Worker, int Attempt);

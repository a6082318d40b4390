namespace Hookgate.Processing;

/// <summary>How one processing attempt ended: the event's next status, and when to try again if it failed.</summary>
public sealed record AttemptOutcome(string Status, string? Error, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, DateTimeOffset? NextAttemptAt = null)
{
    public TimeSpan Duration => FinishedAt - StartedAt;
}

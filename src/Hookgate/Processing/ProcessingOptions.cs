namespace Hookgate.Processing;

/// <summary>The <c>Hookgate:Processing</c> section: how this instance's workers claim and retry events.</summary>
public sealed class ProcessingOptions
{
    /// <summary>Worker loops in this instance; each processes one event at a time.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Events one loop claims at once.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a claim holds; a worker that dies loses its events to others after this.</summary>
    public int LeaseSeconds { get; set; } = 180;

    /// <summary>The safety-net poll when no signal arrives (retries coming due, another instance's work).</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>First retry delay: attempt n waits a random time up to min(max, base × 2^(n-1)) ("full jitter").</summary>
    public double RetryBaseSeconds { get; set; } = 1;

    public double RetryMaxSeconds { get; set; } = 300;
}

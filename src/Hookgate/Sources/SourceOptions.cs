namespace Hookgate.Sources;

/// <summary>Settings common to every source, whatever its provider.</summary>
public sealed class SourceOptions
{
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>The provider's name (<c>stripe</c>, <c>salla</c>, ...): how this source's requests are verified and read.</summary>
    public string Provider { get; set; } = "";

    /// <summary>Every secret that may sign a request; several at once let a secret be rotated without downtime.</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>For providers that sign a timestamp: how far it may be from now, either way.</summary>
    public int? ToleranceSeconds { get; set; }

    /// <summary>Bodies larger than this are refused with 413 before they are read further.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Requests per second this source may send; unset means unlimited.</summary>
    public RateLimitOptions? RateLimit { get; set; }

    /// <summary>How many times processing is tried before the event is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>This source's first retry delay, when it differs from <c>Hookgate:Processing:RetryBaseSeconds</c>.</summary>
    public double? RetryBaseSeconds { get; set; }

    /// <summary>This source's longest retry delay, when it differs from <c>Hookgate:Processing:RetryMaxSeconds</c>.</summary>
    public double? RetryMaxSeconds { get; set; }
}

public sealed class RateLimitOptions
{
    /// <summary>Sustained requests per second.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>How many requests may arrive at once above the sustained rate; defaults to one second's worth.</summary>
    public int? Burst { get; set; }
}

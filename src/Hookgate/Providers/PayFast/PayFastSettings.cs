namespace Hookgate.Providers.PayFast;

/// <summary>
/// Where PayFast's notifications may come from, and the passphrase set on the merchant account (optional: PayFast
/// signs without one when none is set). More passphrases may be listed under <c>Secrets</c> while one is rotated.
/// </summary>
public sealed record PayFastSettings
{
    /// <summary>PayFast's published ranges as CIDRs (<c>197.97.145.144/28</c>); requests from elsewhere are refused.</summary>
    public List<string> AllowedNetworks { get; init; } = [];

    public string? Passphrase { get; init; }

    /// <summary>
    /// PayFast's validate endpoint (<c>https://www.payfast.co.za/eng/query/validate</c>, or the sandbox's). When set,
    /// each notification is posted back there while it is processed and must be answered <c>VALID</c>.
    /// </summary>
    public string? ValidateUrl { get; init; }

    /// <summary>How long the validate endpoint may take before the event is retried later.</summary>
    public int RequestTimeoutSeconds { get; init; } = 10;
}

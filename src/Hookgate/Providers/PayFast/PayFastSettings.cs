namespace Hookgate.Providers.PayFast;

/// <summary>
/// Where PayFast's notifications may come from. The passphrases (optional: PayFast signs without one when none is set
/// on the merchant account) are the source's <c>Secrets</c>, so that one can be rotated like any other secret.
/// </summary>
public sealed record PayFastSettings
{
    /// <summary>PayFast's published ranges as CIDRs (<c>197.97.145.144/28</c>); requests from elsewhere are refused.</summary>
    public List<string> AllowedNetworks { get; init; } = [];
}

namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// How BigCommerce proves a delivery is ours: the custom headers set when the hook was created carry a shared secret,
/// in a header of our choosing, as HTTP basic credentials, or both. The secrets themselves are the source's <c>Secrets</c>.
/// </summary>
public sealed record BigCommerceSettings
{
    /// <summary>The header whose value must equal one of the secrets (<c>X-Hookgate-Secret</c>).</summary>
    public string? Header { get; init; }

    /// <summary>When set, <c>Authorization: Basic</c> with this user name and one of the secrets as password is required.</summary>
    public string? Username { get; init; }
}

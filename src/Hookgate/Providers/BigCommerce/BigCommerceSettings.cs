namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// How BigCommerce proves a delivery is ours: the custom headers set when the hook was created carry a shared secret,
/// in a header of our choosing, as HTTP basic credentials, or both. The secrets themselves are the source's <c>Secrets</c>.
/// Payloads carry ids only, so translating them also needs a REST API token.
/// </summary>
public sealed record BigCommerceSettings
{
    public const string DefaultApiBaseUrl = "https://api.bigcommerce.com";

    public const int DefaultRequestTimeoutSeconds = 10;

    /// <summary>The header whose value must equal one of the secrets (<c>X-Hookgate-Secret</c>).</summary>
    public string? Header { get; init; }

    /// <summary>When set, <c>Authorization: Basic</c> with this user name and one of the secrets as password is required.</summary>
    public string? Username { get; init; }

    /// <summary>Where the REST API lives; only tests and proxies change it.</summary>
    public string ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    /// <summary>The store whose API is called; unset, it is read from each payload's <c>producer</c> (<c>stores/{hash}</c>).</summary>
    public string? StoreHash { get; init; }

    /// <summary>The API account's token, sent as <c>X-Auth-Token</c>; it needs read scopes for orders, customers and products.</summary>
    public string? AccessToken { get; init; }

    /// <summary>How long one API call may take before it is abandoned and the event retried later.</summary>
    public int RequestTimeoutSeconds { get; init; } = DefaultRequestTimeoutSeconds;
}

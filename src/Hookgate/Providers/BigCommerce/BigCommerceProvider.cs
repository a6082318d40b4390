using System.Text;
using Hookgate.Processing;
using Hookgate.Sources;

namespace Hookgate.Providers.BigCommerce;

public sealed class BigCommerceProvider(IHttpClientFactory httpClientFactory) : IWebhookProvider
{
    public string Name => "bigcommerce";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var keys = source.Utf8Secrets("secret sent in the hook's custom headers");
        var settings = source.Bind<BigCommerceSettings>();
        var header = string.IsNullOrWhiteSpace(settings.Header) ? null : settings.Header.Trim();
        var username = string.IsNullOrEmpty(settings.Username) ? null : settings.Username;
        if (header is null && username is null)
        {
            throw new SourceConfigurationException(
                $"{source.KeyPath("Header")} or {source.KeyPath("Username")} must be set: BigCommerce does not sign its payloads, so a secret header or basic credentials are the only proof of origin.");
        }

        var credentials = new BigCommerceCredentials(keys, header, username is null ? null : Encoding.UTF8.GetBytes(username));
        string[] credentialHeaders = header is null
            ? [BigCommerceCredentials.Authorization]
            : [header, BigCommerceCredentials.Authorization];
        return new BigCommerceReceiver(credentials, credentialHeaders);
    }

    public IEventTranslator CreateTranslator(SourceDefinition source)
    {
        var settings = source.Bind<BigCommerceSettings>();
        if (string.IsNullOrWhiteSpace(settings.AccessToken))
        {
            throw new SourceConfigurationException(
                $"{source.KeyPath("AccessToken")} must be set: BigCommerce webhooks carry ids only, and reading what changed needs a REST API token with read scopes for orders, customers and products.");
        }

        // The token travels with every call: never in clear, except to a local stand-in.
        if (!Uri.TryCreate(settings.ApiBaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            throw new SourceConfigurationException(
                $"{source.KeyPath("ApiBaseUrl")} is '{settings.ApiBaseUrl}', which is not an https URL (default {BigCommerceSettings.DefaultApiBaseUrl}).");
        }

        if (settings.RequestTimeoutSeconds <= 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("RequestTimeoutSeconds")} must be a positive number of seconds.");
        }

        // Relative paths resolve under the base only when it ends with a slash.
        if (!baseUrl.AbsolutePath.EndsWith('/'))
        {
            baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
        }

        var api = new BigCommerceApi(
            httpClientFactory,
            baseUrl,
            settings.AccessToken.Trim(),
            TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
            source.KeyPath("AccessToken"));
        return new BigCommerceTranslator(api, string.IsNullOrWhiteSpace(settings.StoreHash) ? null : settings.StoreHash.Trim());
    }
}

using System.Text;
using Hookgate.Sources;

namespace Hookgate.Providers.BigCommerce;

public sealed class BigCommerceProvider : IWebhookProvider
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
}

using System.Text;
using Hookgate.Sources;

namespace Hookgate.Providers.BigCommerce;

public sealed class BigCommerceProvider : IWebhookProvider
{
    public string Name => "bigcommerce";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var settings = source.Bind<BigCommerceSettings>();
        if (source.Options.Secrets.Count == 0)
        {
            throw new SourceConfigurationException(
                $"{source.KeyPath("Secrets")} must list at least one secret sent in the hook's custom headers.");
        }

        var header = string.IsNullOrWhiteSpace(settings.Header) ? null : settings.Header.Trim();
        var username = string.IsNullOrEmpty(settings.Username) ? null : settings.Username;
        if (header is null && username is null)
        {
            throw new SourceConfigurationException(
                $"{source.KeyPath("Header")} or {source.KeyPath("Username")} must be set: BigCommerce does not sign its payloads, so a secret header or basic credentials are the only proof of origin.");
        }

        var secrets = source.Options.Secrets.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        var credentials = new BigCommerceCredentials(secrets, header, username is null ? null : Encoding.UTF8.GetBytes(username));
        string[] credentialHeaders = header is null
            ? [BigCommerceCredentials.Authorization]
            : [header, BigCommerceCredentials.Authorization];
        return new BigCommerceReceiver(credentials, credentialHeaders);
    }
}

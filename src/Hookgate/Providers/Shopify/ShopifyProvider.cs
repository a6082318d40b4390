using System.Text;
using Hookgate.Sources;

namespace Hookgate.Providers.Shopify;

public sealed class ShopifyProvider : IWebhookProvider
{
    public string Name => "shopify";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        if (source.Options.Secrets.Count == 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("Secrets")} must list at least one app client secret.");
        }

        var keys = source.Options.Secrets.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        return new ShopifyReceiver(new ShopifySignature(keys));
    }
}

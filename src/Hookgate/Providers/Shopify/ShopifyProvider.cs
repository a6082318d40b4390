using Hookgate.Processing;
using Hookgate.Sources;

namespace Hookgate.Providers.Shopify;

public sealed class ShopifyProvider : IWebhookProvider
{
    public string Name => "shopify";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var keys = source.Utf8Secrets("app client secret");
        return new ShopifyReceiver(new ShopifySignature(keys));
    }

    public IEventTranslator CreateTranslator(SourceDefinition source) => new ShopifyTranslator();
}

using Hookgate.Processing;
using Hookgate.Sources;

namespace Hookgate.Providers.Stripe;

public sealed class StripeProvider : IWebhookProvider
{
    public string Name => "stripe";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        // Stripe keys the HMAC with the secret's UTF-8 text, whsec_ prefix included: it is not base64-decoded.
        var keys = source.Utf8Secrets("endpoint secret (whsec_...)");
        var tolerance = TimeSpan.FromSeconds(source.Options.ToleranceSeconds ?? StripeSignature.DefaultToleranceSeconds);
        return new StripeReceiver(new StripeSignature(keys, tolerance));
    }

    public IEventTranslator CreateTranslator(SourceDefinition source) => new StripeTranslator();
}

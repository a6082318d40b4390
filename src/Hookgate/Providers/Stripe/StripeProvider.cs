using System.Text;
using Hookgate.Sources;

namespace Hookgate.Providers.Stripe;

public sealed class StripeProvider : IWebhookProvider
{
    public string Name => "stripe";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        if (source.Options.Secrets.Count == 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("Secrets")} must list at least one endpoint secret (whsec_...).");
        }

        // Stripe keys the HMAC with the secret's UTF-8 text, whsec_ prefix included: it is not base64-decoded.
        var keys = source.Options.Secrets.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        var tolerance = TimeSpan.FromSeconds(source.Options.ToleranceSeconds ?? StripeSignature.DefaultToleranceSeconds);
        return new StripeReceiver(new StripeSignature(keys, tolerance));
    }
}

using System.Text;
using Hookgate.Sources;

namespace Hookgate.Providers.Salla;

public sealed class SallaProvider : IWebhookProvider
{
    public string Name => "salla";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        if (source.Options.Secrets.Count == 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("Secrets")} must list at least one webhook secret or token.");
        }

        var settings = source.Bind<SallaSettings>();
        var strategy = settings.Strategy switch
        {
            var s when s.Equals(nameof(SallaStrategy.Signature), StringComparison.OrdinalIgnoreCase) => SallaStrategy.Signature,
            var s when s.Equals(nameof(SallaStrategy.Token), StringComparison.OrdinalIgnoreCase) => SallaStrategy.Token,
            var s => throw new SourceConfigurationException($"{source.KeyPath("Strategy")} is '{s}'; it must be Signature or Token."),
        };

        // Both strategies use the secret's UTF-8 bytes: as the HMAC key, or as the token to compare.
        var secrets = source.Options.Secrets.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        return new SallaReceiver(new SallaSignature(strategy, secrets));
    }
}

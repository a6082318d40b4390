using Hookgate.Processing;
using Hookgate.Sources;

namespace Hookgate.Providers.Salla;

public sealed class SallaProvider : IWebhookProvider
{
    public string Name => "salla";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var keys = source.Utf8Secrets("webhook secret or token");
        var settings = source.Bind<SallaSettings>();
        var strategy = settings.Strategy switch
        {
            var s when s.Equals(nameof(SallaStrategy.Signature), StringComparison.OrdinalIgnoreCase) => SallaStrategy.Signature,
            var s when s.Equals(nameof(SallaStrategy.Token), StringComparison.OrdinalIgnoreCase) => SallaStrategy.Token,
            var s => throw new SourceConfigurationException($"{source.KeyPath("Strategy")} is '{s}'; it must be Signature or Token."),
        };

        // Both strategies use the secret's UTF-8 bytes: as the HMAC key, or as the token to compare.
        return new SallaReceiver(new SallaSignature(strategy, keys));
    }

    // Salla's store events need no settings to translate.
    public IEventTranslator CreateTranslator(SourceDefinition source) => new SallaTranslator();
}

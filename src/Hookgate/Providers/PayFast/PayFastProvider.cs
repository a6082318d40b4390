using System.Net;
using Hookgate.Processing;
using Hookgate.Sources;

namespace Hookgate.Providers.PayFast;

public sealed class PayFastProvider(IHttpClientFactory httpClientFactory) : IWebhookProvider
{
    public string Name => "payfast";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var settings = source.Bind<PayFastSettings>();
        var key = source.KeyPath("AllowedNetworks");
        if (settings.AllowedNetworks.Count == 0)
        {
            // The signature alone proves nothing without a passphrase: it is an MD5 of the posted fields.
            throw new SourceConfigurationException($"{key} must list PayFast's address ranges as CIDRs (e.g. 197.97.145.144/28).");
        }

        var networks = new IPNetwork[settings.AllowedNetworks.Count];
        for (var i = 0; i < networks.Length; i++)
        {
            // .NET quietly clears host bits (10.0.0.1/8 becomes 10.0.0.0/8); a typo there would open a far wider range.
            var text = settings.AllowedNetworks[i].Trim();
            if (!IPNetwork.TryParse(text, out networks[i])
                || !networks[i].BaseAddress.Equals(IPAddress.Parse(text.AsSpan(0, text.IndexOf('/')))))
            {
                throw new SourceConfigurationException(
                    $"{key}:{i} is '{settings.AllowedNetworks[i]}', which is not a CIDR network with its host bits zero (e.g. 197.97.145.144/28).");
            }
        }

        // Passphrase is the contract's name; further passphrases under Secrets let one be rotated like any secret.
        List<string> passphrases = settings.Passphrase is { Length: > 0 } passphrase ? [passphrase, .. source.Options.Secrets] : source.Options.Secrets;
        return new PayFastReceiver(new PayFastSignature(networks, passphrases));
    }

    public IEventTranslator CreateTranslator(SourceDefinition source)
    {
        var settings = source.Bind<PayFastSettings>();
        if (string.IsNullOrWhiteSpace(settings.ValidateUrl))
        {
            return new PayFastTranslator(confirmation: null);
        }

        // The notification holds the buyer's name and email: it goes back over TLS, or to a local stand-in.
        if (!Uri.TryCreate(settings.ValidateUrl.Trim(), UriKind.Absolute, out var validateUrl)
            || !(validateUrl.Scheme == Uri.UriSchemeHttps || (validateUrl.Scheme == Uri.UriSchemeHttp && validateUrl.IsLoopback)))
        {
            throw new SourceConfigurationException(
                $"{source.KeyPath("ValidateUrl")} is '{settings.ValidateUrl}', which is not an https URL (e.g. https://www.payfast.co.za/eng/query/validate).");
        }

        if (settings.RequestTimeoutSeconds <= 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("RequestTimeoutSeconds")} must be a positive number of seconds.");
        }

        var confirmation = new PayFastServerConfirmation(httpClientFactory, validateUrl, TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
        return new PayFastTranslator(confirmation);
    }
}

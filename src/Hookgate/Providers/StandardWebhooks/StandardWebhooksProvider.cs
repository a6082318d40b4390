using Hookgate.Sources;

namespace Hookgate.Providers.StandardWebhooks;

public sealed class StandardWebhooksProvider : IWebhookProvider
{
    private const string SecretPrefix = "whsec_";

    public string Name => "standard";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var secrets = source.Options.Secrets;
        if (secrets.Count == 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("Secrets")} must list at least one signing secret (whsec_...).");
        }

        var keys = new byte[secrets.Count][];
        for (var i = 0; i < secrets.Count; i++)
        {
            keys[i] = DecodeSecret(secrets[i]) ?? throw new SourceConfigurationException(
                $"{source.KeyPath($"Secrets:{i}")} is not a signing secret: expected whsec_ followed by base64.");
        }

        var tolerance = TimeSpan.FromSeconds(source.Options.ToleranceSeconds ?? StandardWebhooksSignature.DefaultToleranceSeconds);
        return new StandardWebhooksReceiver(new StandardWebhooksSignature(keys, tolerance));
    }

    /// <summary>Unlike Stripe's, the key is the base64-decoded part after <c>whsec_</c>; some senders omit the prefix.</summary>
    private static byte[]? DecodeSecret(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length == 0 ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Providers.GenericHmac;

/// <summary>Any sender that signs the raw body (optionally prefixed by a timestamp) with a shared-secret HMAC.</summary>
public sealed class GenericHmacProvider : IWebhookProvider
{
    public string Name => "hmac";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var keys = source.Utf8Secrets("signing secret");
        var settings = source.Bind<GenericHmacSettings>();
        if (string.IsNullOrWhiteSpace(settings.Header))
        {
            throw new SourceConfigurationException($"{source.KeyPath("Header")} must name the header that carries the signature.");
        }

        var algorithm = settings.Algorithm.ToLowerInvariant() switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            _ => throw new SourceConfigurationException(
                $"{source.KeyPath("Algorithm")} is '{settings.Algorithm}'; it must be sha1, sha256 or sha512."),
        };

        var encoding = settings.Encoding.ToLowerInvariant() switch
        {
            "hex" => SignatureEncoding.Hex,
            "base64" => SignatureEncoding.Base64,
            _ => throw new SourceConfigurationException(
                $"{source.KeyPath("Encoding")} is '{settings.Encoding}'; it must be hex or base64."),
        };

        var tolerance = TimeSpan.FromSeconds(source.Options.ToleranceSeconds ?? GenericHmacSignature.DefaultToleranceSeconds);
        var signature = new GenericHmacSignature(
            keys, algorithm, encoding, settings.Header, NullIfEmpty(settings.Prefix), NullIfEmpty(settings.TimestampHeader), tolerance);
        return new GenericHmacReceiver(signature, NullIfEmpty(settings.IdHeader), NullIfEmpty(settings.EventTypeHeader));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

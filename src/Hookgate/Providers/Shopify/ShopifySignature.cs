using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.Shopify;

/// <summary><c>X-Shopify-Hmac-Sha256: &lt;base64 HMAC-SHA256 of the body, keyed by the app's client secret&gt;</c>.</summary>
public sealed class ShopifySignature(IReadOnlyList<byte[]> keys)
{
    public const string Header = "X-Shopify-Hmac-Sha256";
    private const int MacBytes = 32;

    public VerificationResult Verify(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(Header);
        }

        Span<byte> provided = stackalloc byte[MacBytes];
        if (!HmacSignature.TryDecode(header, SignatureEncoding.Base64, provided, out var written) || written != MacBytes)
        {
            return VerificationResult.Malformed(Header);
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        foreach (var key in keys)
        {
            HmacSignature.Compute(HashAlgorithmName.SHA256, key, body, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, provided))
            {
                return VerificationResult.Valid;
            }
        }

        return VerificationResult.Mismatch;
    }
}

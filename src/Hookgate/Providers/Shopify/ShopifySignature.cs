using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.Shopify;

/// <summary><c>X-Shopify-Hmac-Sha256: &lt;base64 HMAC-SHA256 of the body, keyed by the app's client secret&gt;</c>.</summary>
public sealed class ShopifySignature(IReadOnlyList<byte[]> keys)
{
    public const string Header = "X-Shopify-Hmac-Sha256";

    public VerificationResult Verify(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(Header);
        }

        return HmacSignature.VerifyBody(HashAlgorithmName.SHA256, keys, body, header, SignatureEncoding.Base64, Header);
    }
}

using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.GitHub;

/// <summary>
/// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>. The legacy SHA-1 <c>X-Hub-Signature</c>
/// is not accepted: GitHub always sends the SHA-256 header beside it.
/// </summary>
public sealed class GitHubSignature(IReadOnlyList<byte[]> keys)
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public VerificationResult Verify(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(Header);
        }

        return header.StartsWith(Prefix, StringComparison.Ordinal)
            ? HmacSignature.VerifyBody(HashAlgorithmName.SHA256, keys, body, header.AsSpan(Prefix.Length), SignatureEncoding.Hex, Header)
            : VerificationResult.Malformed(Header);
    }
}

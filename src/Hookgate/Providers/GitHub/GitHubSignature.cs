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
    private const int MacBytes = 32;

    public VerificationResult Verify(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(Header);
        }

        Span<byte> provided = stackalloc byte[MacBytes];
        if (!header.StartsWith(Prefix, StringComparison.Ordinal)
            || !HmacSignature.TryDecode(header.AsSpan(Prefix.Length), SignatureEncoding.Hex, provided, out var written)
            || written != MacBytes)
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

using System.Security.Cryptography;

namespace Hookgate.Providers;

/// <summary>The dedup key of providers that send no event id: the same bytes are the same event.</summary>
public static class BodyHash
{
    public static string DedupKey(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }
}

using System.Security.Cryptography;

namespace Hookgate.Providers;

/// <summary>The dedup key of providers that send no event id: the same bytes are the same event.</summary>
public static class BodyHash
{
    private const string Prefix = "sha256:";

    public static string DedupKey(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);

        // Written in place, so the key is the only string allocated (not the hex digits, then the key).
        Span<char> key = stackalloc char[Prefix.Length + SHA256.HashSizeInBytes * 2];
        Prefix.CopyTo(key);
        Convert.TryToHexStringLower(hash, key[Prefix.Length..], out _);
        return new string(key);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Hookgate.Verification;

/// <summary>Compares credentials sent in clear (tokens, shared header secrets) without leaking where they differ.</summary>
public static class SecretText
{
    public static bool EqualsAny(string? provided, IReadOnlyList<byte[]> secrets)
    {
        if (provided is null)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[256];
        var byteCount = Encoding.UTF8.GetByteCount(provided);
        var bytes = byteCount <= buffer.Length ? buffer[..byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(provided, bytes);
        return EqualsAny(bytes, secrets);
    }

    public static bool EqualsAny(ReadOnlySpan<byte> provided, IReadOnlyList<byte[]> secrets)
    {
        var matched = false;
        foreach (var secret in secrets)
        {
            // Every secret is compared, so the time taken does not tell which one (if any) matched.
            matched |= CryptographicOperations.FixedTimeEquals(provided, secret);
        }

        return matched;
    }
}

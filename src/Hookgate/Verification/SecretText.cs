using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Hookgate.Verification;

/// <summary>Compares credentials sent in clear (tokens, shared header secrets) without leaking where they differ.</summary>
public static class SecretText
{
    public static bool EqualsAny(string? provided, IReadOnlyList<byte[]> secrets) =>
        provided is not null && EqualsAny(provided.AsSpan(), secrets);

    public static bool EqualsAny(ReadOnlySpan<char> provided, IReadOnlyList<byte[]> secrets)
    {
        const int StackBytes = 256;
        var byteCount = Encoding.UTF8.GetByteCount(provided);
        byte[]? rented = null;
        Span<byte> bytes = byteCount <= StackBytes
            ? stackalloc byte[StackBytes]
            : rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            bytes = bytes[..Encoding.UTF8.GetBytes(provided, bytes)];
            return EqualsAny(bytes, secrets);
        }
        finally
        {
            if (rented is not null)
            {
                // It may hold a credential: do not leave it in a shared pool.
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    public static bool EqualsAny(ReadOnlySpan<byte> provided, IReadOnlyList<byte[]> secrets)
    {
        var matched = false;
        for (var i = 0; i < secrets.Count; i++)
        {
            // Every secret is compared, so the time taken does not tell which one (if any) matched. Indexed, not
            // foreach: enumerating an IReadOnlyList boxes its enumerator on every request.
            matched |= CryptographicOperations.FixedTimeEquals(provided, secrets[i]);
        }

        return matched;
    }
}

using System.Security.Cryptography;

namespace Hookgate.Verification;

/// <summary>
/// Computes HMACs over the raw request bytes without copying them, and compares them in constant time.
/// </summary>
public static class HmacSignature
{
    /// <summary>Large enough for the widest supported MAC (SHA-512).</summary>
    public const int MaxMacBytes = 64;

    public static int SizeInBytes(HashAlgorithmName algorithm) =>
        algorithm == HashAlgorithmName.SHA256 ? 32
        : algorithm == HashAlgorithmName.SHA1 ? 20
        : algorithm == HashAlgorithmName.SHA512 ? 64
        : throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm.Name, "Only SHA-1, SHA-256 and SHA-512 HMACs are supported.");

    // A prefix followed by the body (providers that sign a timestamp) is HmacKey.Compute, which reuses its HMAC states.

    public static int Compute(HashAlgorithmName algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination) =>
        algorithm == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(key, data, destination)
        : algorithm == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(key, data, destination)
        : algorithm == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(key, data, destination)
        : throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm.Name, "Only SHA-1, SHA-256 and SHA-512 HMACs are supported.");

    /// <summary>
    /// Checks a MAC sent for the body alone (no timestamp): decoded once, then compared with every key's MAC in
    /// constant time. Anything that does not decode to a MAC of the algorithm's size is malformed.
    /// </summary>
    public static VerificationResult VerifyBody(HashAlgorithmName algorithm, IReadOnlyList<byte[]> keys, ReadOnlySpan<byte> body, ReadOnlySpan<char> sent, SignatureEncoding encoding, string header)
    {
        var size = SizeInBytes(algorithm);
        Span<byte> provided = stackalloc byte[MaxMacBytes];
        if (!TryDecode(sent, encoding, provided, out var written) || written != size)
        {
            return VerificationResult.Malformed(header);
        }

        Span<byte> expected = stackalloc byte[MaxMacBytes];
        var matched = false;

        // Every key is tried even after one matched, so the time taken does not tell which secret (the old or the
        // new, while rotating) signed the request. Indexed, not foreach: enumerating an IReadOnlyList boxes its
        // enumerator on every request.
        for (var i = 0; i < keys.Count; i++)
        {
            Compute(algorithm, keys[i], body, expected);
            matched |= CryptographicOperations.FixedTimeEquals(expected[..size], provided[..size]);
        }

        return matched ? VerificationResult.Valid : VerificationResult.Mismatch;
    }

    public static bool TryDecode(ReadOnlySpan<char> text, SignatureEncoding encoding, Span<byte> destination, out int written)
    {
        written = 0;
        text = text.Trim();
        if (encoding == SignatureEncoding.Hex)
        {
            if (text.Length == 0 || text.Length % 2 != 0 || text.Length / 2 > destination.Length)
            {
                return false;
            }

            return Convert.FromHexString(text, destination, out _, out written) == System.Buffers.OperationStatus.Done;
        }

        return text.Length > 0 && Convert.TryFromBase64Chars(text, destination, out written);
    }
}

public enum SignatureEncoding
{
    Hex,
    Base64,
}

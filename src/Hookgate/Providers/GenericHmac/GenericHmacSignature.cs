using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.GenericHmac;

/// <summary>
/// <c>&lt;Header&gt;: [Prefix]&lt;hex or base64 HMAC&gt;</c> over the body, or over <c>{timestamp}.{body}</c> when the
/// sender also signs a timestamp header, which is then held to the tolerance so old requests cannot be replayed.
/// </summary>
public sealed class GenericHmacSignature(
    IReadOnlyList<byte[]> keys,
    HashAlgorithmName algorithm,
    SignatureEncoding encoding,
    string header,
    string? prefix,
    string? timestampHeader,
    TimeSpan tolerance)
{
    public const int DefaultToleranceSeconds = 300;

    // Unix seconds fit in 19 digits; a little room for leading zeros some senders pad with.
    private const int MaxTimestampLength = 24;

    private readonly int macSize = HmacSignature.SizeInBytes(algorithm);

    private readonly HmacKey[] hmacKeys = HmacKey.ForEach(algorithm, keys);

    public VerificationResult Verify(in WebhookRequest request)
    {
        var value = request.Header(header);
        if (value is null)
        {
            return VerificationResult.MissingHeader(header);
        }

        var text = value.AsSpan().Trim();
        if (prefix is not null)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return VerificationResult.Malformed(header);
            }

            text = text[prefix.Length..];
        }

        Span<byte> provided = stackalloc byte[HmacSignature.MaxMacBytes];
        if (!HmacSignature.TryDecode(text, encoding, provided, out var providedLength) || providedLength != macSize)
        {
            return VerificationResult.Malformed(header);
        }

        Span<byte> signedPrefix = stackalloc byte[MaxTimestampLength + 1];
        var signedPrefixLength = 0;
        if (timestampHeader is not null)
        {
            var timestampValue = request.Header(timestampHeader);
            if (timestampValue is null)
            {
                return VerificationResult.MissingHeader(timestampHeader);
            }

            var timestampText = timestampValue.AsSpan().Trim();
            if (timestampText.Length > MaxTimestampLength
                || !TimestampTolerance.TryParseUnixSeconds(timestampText, out var timestamp))
            {
                return VerificationResult.Malformed(timestampHeader);
            }

            if (!TimestampTolerance.IsWithin(timestamp, request.ReceivedAt, tolerance))
            {
                return VerificationResult.OutsideTolerance;
            }

            // The digits exactly as sent are what was signed (only ASCII digits get past the parse above).
            foreach (var c in timestampText)
            {
                signedPrefix[signedPrefixLength++] = (byte)c;
            }

            signedPrefix[signedPrefixLength++] = (byte)'.';
        }

        Span<byte> expected = stackalloc byte[HmacSignature.MaxMacBytes];
        var matched = false;
        foreach (var key in hmacKeys)
        {
            key.Compute(signedPrefix[..signedPrefixLength], request.Body, expected);
            matched |= CryptographicOperations.FixedTimeEquals(expected[..macSize], provided[..macSize]);
        }

        return matched ? VerificationResult.Valid : VerificationResult.Mismatch;
    }
}

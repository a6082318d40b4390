using System.Globalization;
using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.Stripe;

/// <summary>
/// <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=...]</c> over <c>t + "." + body</c>.
/// Several v1 entries arrive while a secret is being rolled; v0 (test mode's legacy scheme) is ignored.
/// </summary>
public sealed class StripeSignature(IReadOnlyList<byte[]> keys, TimeSpan tolerance)
{
    public const string Header = "Stripe-Signature";
    public const int DefaultToleranceSeconds = 300;
    private const int MaxSignatures = 8;
    private const int MacBytes = 32;

    private readonly HmacKey[] hmacKeys = HmacKey.ForEach(HashAlgorithmName.SHA256, keys);

    public VerificationResult Verify(string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(Header);
        }

        long timestamp = -1;
        var entries = 0;
        var decodedCount = 0;
        Span<byte> decoded = stackalloc byte[MaxSignatures * MacBytes];
        var text = header.AsSpan();
        foreach (var range in text.Split(','))
        {
            var item = text[range].Trim();
            if (item.StartsWith("t="))
            {
                if (!TimestampTolerance.TryParseUnixSeconds(item[2..], out timestamp))
                {
                    return VerificationResult.Malformed(Header);
                }
            }
            else if (item.StartsWith("v1=") && entries < MaxSignatures)
            {
                // An entry that is not a hex MAC can never match; it is dropped here rather than compared.
                entries++;
                if (HmacSignature.TryDecode(item[3..], SignatureEncoding.Hex, decoded.Slice(decodedCount * MacBytes, MacBytes), out var length)
                    && length == MacBytes)
                {
                    decodedCount++;
                }
            }
        }

        if (timestamp < 0 || entries == 0)
        {
            return VerificationResult.Malformed(Header);
        }

        if (!TimestampTolerance.IsWithin(timestamp, now, tolerance))
        {
            return VerificationResult.OutsideTolerance;
        }

        Span<byte> prefix = stackalloc byte[24];
        timestamp.TryFormat(prefix, out var prefixLength, provider: CultureInfo.InvariantCulture);
        prefix[prefixLength++] = (byte)'.';

        // Every key against every entry, even after a match: the time taken does not tell which secret matched.
        Span<byte> expected = stackalloc byte[MacBytes];
        var matched = false;
        foreach (var key in hmacKeys)
        {
            key.Compute(prefix[..prefixLength], body, expected);
            for (var i = 0; i < decodedCount; i++)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, decoded.Slice(i * MacBytes, MacBytes));
            }
        }

        return matched ? VerificationResult.Valid : VerificationResult.Mismatch;
    }
}

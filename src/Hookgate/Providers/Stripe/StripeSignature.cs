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

    private readonly HmacKey[] hmacKeys = HmacKey.ForEach(HashAlgorithmName.SHA256, keys);

    public VerificationResult Verify(string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(Header);
        }

        long timestamp = -1;
        Span<Range> signatures = stackalloc Range[MaxSignatures];
        var signatureCount = 0;
        var text = header.AsSpan();
        foreach (var part in text.Split(','))
        {
            var (offset, length) = part.GetOffsetAndLength(text.Length);
            var item = text.Slice(offset, length);
            offset += item.Length - item.TrimStart().Length;
            item = item.Trim();
            if (item.StartsWith("t="))
            {
                if (!TimestampTolerance.TryParseUnixSeconds(item[2..], out timestamp))
                {
                    return VerificationResult.Malformed(Header);
                }
            }
            else if (item.StartsWith("v1=") && signatureCount < MaxSignatures)
            {
                signatures[signatureCount++] = new Range(offset + 3, offset + item.Length);
            }
        }

        if (timestamp < 0 || signatureCount == 0)
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

        Span<byte> expected = stackalloc byte[32];
        foreach (var key in hmacKeys)
        {
            key.Compute(prefix[..prefixLength], body, expected);
            for (var i = 0; i < signatureCount; i++)
            {
                if (HmacSignature.Matches(expected, text[signatures[i]], SignatureEncoding.Hex))
                {
                    return VerificationResult.Valid;
                }
            }
        }

        return VerificationResult.Mismatch;
    }
}

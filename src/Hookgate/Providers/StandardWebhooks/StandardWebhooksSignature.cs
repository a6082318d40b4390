using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hookgate.Verification;

namespace Hookgate.Providers.StandardWebhooks;

/// <summary>
/// Standard Webhooks (and Svix, which sends the same under <c>svix-*</c> names): <c>webhook-signature</c> is a
/// space-separated list of <c>v1,&lt;base64&gt;</c> over <c>id + "." + timestamp + "." + body</c>. Other versions
/// (<c>v1a</c>, the asymmetric scheme) are ignored; several v1 entries arrive while a secret is being rotated.
/// </summary>
public sealed class StandardWebhooksSignature(IReadOnlyList<byte[]> keys, TimeSpan tolerance)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SvixIdHeader = "svix-id";
    public const string SvixTimestampHeader = "svix-timestamp";
    public const string SvixSignatureHeader = "svix-signature";
    public const int DefaultToleranceSeconds = 300;
    private const int MacBytes = 32;
    private const int MaxSignatures = 8;
    private const int MaxStackPrefixBytes = 256;
    private const int MaxTimestampDigits = 19;

    private readonly HmacKey[] hmacKeys = HmacKey.ForEach(HashAlgorithmName.SHA256, keys);

    public VerificationResult Verify(in WebhookRequest request)
    {
        var id = request.Header(IdHeader) ?? request.Header(SvixIdHeader);
        var timestampText = request.Header(TimestampHeader) ?? request.Header(SvixTimestampHeader);
        var header = request.Header(SignatureHeader) ?? request.Header(SvixSignatureHeader);
        if (id is null)
        {
            return VerificationResult.MissingHeader(IdHeader);
        }

        if (timestampText is null)
        {
            return VerificationResult.MissingHeader(TimestampHeader);
        }

        if (header is null)
        {
            return VerificationResult.MissingHeader(SignatureHeader);
        }

        if (!TimestampTolerance.TryParseUnixSeconds(timestampText, out var timestamp))
        {
            return VerificationResult.Malformed(TimestampHeader);
        }

        Span<byte> provided = stackalloc byte[MaxSignatures * MacBytes];
        var signatureCount = 0;
        var text = header.AsSpan();
        foreach (var range in text.Split(' '))
        {
            var item = text[range];
            if (item.StartsWith("v1,") && signatureCount < MaxSignatures
                && HmacSignature.TryDecode(item[3..], SignatureEncoding.Base64, provided.Slice(signatureCount * MacBytes, MacBytes), out var decoded)
                && decoded == MacBytes)
            {
                signatureCount++;
            }
        }

        if (signatureCount == 0)
        {
            return VerificationResult.Malformed(SignatureHeader);
        }

        if (!TimestampTolerance.IsWithin(timestamp, request.ReceivedAt, tolerance))
        {
            return VerificationResult.OutsideTolerance;
        }

        // The signed prefix is "<id>.<timestamp>."; the id is the sender's text, so it is only usually short.
        var prefixLength = Encoding.UTF8.GetByteCount(id) + 1 + MaxTimestampDigits + 1;
        Span<byte> prefix = prefixLength <= MaxStackPrefixBytes ? stackalloc byte[MaxStackPrefixBytes] : new byte[prefixLength];
        var written = Encoding.UTF8.GetBytes(id, prefix);
        prefix[written++] = (byte)'.';
        timestamp.TryFormat(prefix[written..], out var timestampLength, provider: CultureInfo.InvariantCulture);
        written += timestampLength;
        prefix[written++] = (byte)'.';

        // Every key against every signature, even after a match: the time taken does not tell which secret matched.
        Span<byte> expected = stackalloc byte[MacBytes];
        var matched = false;
        foreach (var key in hmacKeys)
        {
            key.Compute(prefix[..written], request.Body, expected);
            for (var i = 0; i < signatureCount; i++)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, provided.Slice(i * MacBytes, MacBytes));
            }
        }

        return matched ? VerificationResult.Valid : VerificationResult.Mismatch;
    }
}

using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.PayFast;

/// <summary>
/// An ITN is signed with the MD5 of its own fields (all but <c>signature</c>, in the order posted, as
/// <c>key=urlencode(value)</c> joined by <c>&amp;</c>) followed by <c>&amp;passphrase=urlencode(passphrase)</c> when the
/// merchant set one. Without a passphrase anyone can compute that MD5, so the source address is checked first.
/// </summary>
public sealed class PayFastSignature
{
    private const int Md5HexLength = MD5.HashSizeInBytes * 2;

    private readonly IReadOnlyList<IPNetwork> allowedNetworks;

    /// <summary>What follows the fields in the signed text: <c>&amp;passphrase=...</c> per passphrase, or nothing.</summary>
    private readonly byte[][] suffixes;

    private readonly int maxSuffixLength;

    public PayFastSignature(IReadOnlyList<IPNetwork> allowedNetworks, IReadOnlyList<string> passphrases)
    {
        this.allowedNetworks = allowedNetworks;
        suffixes = passphrases.Count == 0
            ? [[]]
            : passphrases.Select(p => (byte[])[.. "&passphrase="u8, .. PayFastForm.Encode(p)]).ToArray();
        maxSuffixLength = suffixes.Max(s => s.Length);
    }

    public VerificationResult Verify(in WebhookRequest request)
    {
        if (!IsAllowed(request.RemoteAddress))
        {
            return VerificationResult.Fail("The request does not come from one of the source's AllowedNetworks.");
        }

        // Re-encoding at most triples each byte, and dropping the signature field only shortens the text.
        var buffer = ArrayPool<byte>.Shared.Rent(request.Body.Length * 3 + maxSuffixLength);
        try
        {
            return Verify(request.Body, buffer);
        }
        finally
        {
            // The signed text ends with the passphrase: do not leave it in a shared pool.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private VerificationResult Verify(ReadOnlySpan<byte> body, Span<byte> signed)
    {
        Span<byte> provided = stackalloc byte[MD5.HashSizeInBytes];
        var signatureFound = false;
        var signatureValid = false;
        var length = 0;
        foreach (var range in body.Split((byte)'&'))
        {
            var field = body[range];
            if (field.IsEmpty)
            {
                continue;
            }

            var equals = field.IndexOf((byte)'=');
            var rawKey = equals < 0 ? field : field[..equals];
            var rawValue = equals < 0 ? [] : field[(equals + 1)..];
            var start = length;
            if (length > 0)
            {
                signed[length++] = (byte)'&';
            }

            var keyLength = PayFastForm.Decode(rawKey, signed[length..]);
            if (signed.Slice(length, keyLength).SequenceEqual("signature"u8))
            {
                length = start;
                if (!signatureFound)
                {
                    signatureFound = true;
                    signatureValid = TryDecodeSignature(rawValue, provided);
                }

                continue;
            }

            length += keyLength;
            signed[length++] = (byte)'=';
            length += PayFastForm.Reencode(rawValue, signed[length..]);
        }

        if (!signatureFound)
        {
            return VerificationResult.Fail("The signature field is missing.");
        }

        if (!signatureValid)
        {
            return VerificationResult.Fail("The signature field is malformed.");
        }

        Span<byte> expected = stackalloc byte[MD5.HashSizeInBytes];
        var matched = false;
        foreach (var suffix in suffixes)
        {
            suffix.CopyTo(signed[length..]);
            MD5.HashData(signed[..(length + suffix.Length)], expected);
            matched |= CryptographicOperations.FixedTimeEquals(expected, provided);
        }

        return matched ? VerificationResult.Valid : VerificationResult.Mismatch;
    }

    private static bool TryDecodeSignature(ReadOnlySpan<byte> rawValue, Span<byte> destination)
    {
        if (rawValue.Length > Md5HexLength * 3)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[Md5HexLength * 3];
        if (PayFastForm.Decode(rawValue, decoded) != Md5HexLength)
        {
            return false;
        }

        Span<char> hex = stackalloc char[Md5HexLength];
        for (var i = 0; i < Md5HexLength; i++)
        {
            hex[i] = (char)decoded[i];
        }

        return HmacSignature.TryDecode(hex, SignatureEncoding.Hex, destination, out var written) && written == MD5.HashSizeInBytes;
    }

    private bool IsAllowed(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Dual-stack listeners report IPv4 peers as ::ffff:a.b.c.d, which no IPv4 network contains.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator on every request.
        for (var i = 0; i < allowedNetworks.Count; i++)
        {
            if (allowedNetworks[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}

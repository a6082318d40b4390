using System.Buffers;
using System.Text;

namespace Hookgate.Providers.PayFast;

/// <summary>
/// Reads the ITN's <c>application/x-www-form-urlencoded</c> body straight from its bytes, and re-encodes values the
/// way PHP's <c>urlencode</c> does, since that is what PayFast's signature is computed over: every byte but
/// <c>A-Z a-z 0-9 - _ .</c> as an uppercase <c>%XX</c>, spaces as <c>+</c>.
/// </summary>
public static class PayFastForm
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>The decoded value of the first field named <paramref name="name"/>, or null when there is none.</summary>
    public static string? Read(ReadOnlySpan<byte> body, string name)
    {
        Span<byte> key = stackalloc byte[64];
        foreach (var range in body.Split((byte)'&'))
        {
            var field = body[range];
            var equals = field.IndexOf((byte)'=');
            var rawKey = equals < 0 ? field : field[..equals];
            if (rawKey.Length > key.Length || !Ascii.Equals(key[..Decode(rawKey, key)], name))
            {
                continue;
            }

            var rawValue = equals < 0 ? [] : field[(equals + 1)..];
            var buffer = ArrayPool<byte>.Shared.Rent(rawValue.Length);
            try
            {
                return Encoding.UTF8.GetString(buffer, 0, Decode(rawValue, buffer));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return null;
    }

    /// <summary>
    /// Form-decodes <paramref name="raw"/> into <paramref name="destination"/> (at least as long), returning the length.
    /// Like PHP, a <c>%</c> not followed by two hex digits is kept as it is.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            destination[written++] = DecodeAt(raw, ref i);
        }

        return written;
    }

    /// <summary>
    /// Writes the PHP <c>urlencode</c> of the form-decoded <paramref name="raw"/> into <paramref name="destination"/>
    /// (at least three times as long), returning the length. Decoding and encoding go byte by byte, so one pass does both.
    /// </summary>
    public static int Reencode(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            written += Encode(DecodeAt(raw, ref i), destination[written..]);
        }

        return written;
    }

    /// <summary>PHP <c>urlencode</c> of text (a passphrase), as UTF-8 bytes.</summary>
    public static byte[] Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var encoded = new byte[bytes.Length * 3];
        var written = 0;
        foreach (var b in bytes)
        {
            written += Encode(b, encoded.AsSpan(written));
        }

        return encoded[..written];
    }

    private static byte DecodeAt(ReadOnlySpan<byte> raw, ref int i)
    {
        var b = raw[i];
        if (b == (byte)'+')
        {
            return (byte)' ';
        }

        if (b == (byte)'%' && i + 2 < raw.Length)
        {
            var high = HexValue(raw[i + 1]);
            var low = HexValue(raw[i + 2]);
            if ((high | low) >= 0)
            {
                i += 2;
                return (byte)((high << 4) | low);
            }
        }

        return b;
    }

    private static int Encode(byte b, Span<byte> destination)
    {
        if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.')
        {
            destination[0] = b;
            return 1;
        }

        if (b == (byte)' ')
        {
            destination[0] = (byte)'+';
            return 1;
        }

        destination[0] = (byte)'%';
        destination[1] = HexDigits[b >> 4];
        destination[2] = HexDigits[b & 0xF];
        return 3;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Hookgate.Tests.Providers;

/// <summary>
/// Generators of provider payloads for property tests: JSON in the shape each translator reads, where every field may
/// be absent, null, of another type or an extreme of its own (a number beyond decimal, a date at the end of time, a
/// lone surrogate), and byte-level mutations of that JSON (truncated, spliced, random bytes).
/// </summary>
public static class GeneratedPayloads
{
    /// <summary>A JSON shape: an object with named fields, an array of one shape, or a leaf drawn from its own values.</summary>
    public abstract record Shape;

    public sealed record Obj(params (string Name, Shape Value)[] Fields) : Shape;

    public sealed record ArrayOf(Shape Item) : Shape;

    public sealed record Leaf(Gen<string> Json) : Shape;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(Invariant)),
        Gen.Int[-5, 1000].Select(n => n.ToString(Invariant)),
        Gen.Decimal.Select(n => n.ToString(Invariant)),
        Gen.Double.Select(n => double.IsFinite(n) ? n.ToString("R", Invariant) : "1e308"),
        Gen.OneOf("0", "-0", "1e400", "-1e400", "1e-400", "79228162514264337593543950336", "-79228162514264337593543950336",
            "9223372036854775808", "-9223372036854775809", "2147483648", "1E+2", "0.000000000000000000000000000001", "115.5"));

    /// <summary>Numbers as JSON strings too: the translators read numbers from strings (money as "199.00").</summary>
    public static readonly Gen<string> Amounts = Gen.Frequency(
        (3, Numbers),
        (2, Numbers.Select(n => $"\"{n}\"")),
        (1, Gen.OneOf("\"NaN\"", "\"Infinity\"", "\"\"", "\"12,50\"", "\"1 000\"", "\"0x10\"", "\"-\"")));

    public static readonly Gen<string> Texts = Gen.Frequency(
        (4, Gen.String.Select(Quote)),
        (2, Gen.OneOf("\"\"", "\"  \"", "\"a\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\\\\"", "\"😀\"", "\"ترحيب\"")),
        (1, Gen.Int[0, 20_000].Select(n => Quote(new string('x', n)))));

    public static Gen<string> OneOfText(params string[] known) => Gen.Frequency((4, Gen.OneOf(known).Select(Quote)), (1, Texts));

    public static readonly Gen<string> Ids = Gen.OneOf(Numbers, Texts);

    public static readonly Gen<string> Currencies = OneOfText("usd", "SAR", "jpy", "kwd", "ZAR", "US", "USDT", "U$D", "üsd", "12a");

    public static readonly Gen<string> Booleans = Gen.OneOf("true", "false", "\"true\"", "1");

    /// <summary>Unix seconds, from the ordinary to the beyond-representable.</summary>
    public static readonly Gen<string> UnixSeconds = Gen.Frequency(
        (3, Gen.Long[0, 4_102_444_800].Select(n => n.ToString(Invariant))),
        (1, Gen.Long.Select(n => n.ToString(Invariant))),
        (1, Gen.OneOf("-62135596801", "253402300800", "9223372036854775807", "-9223372036854775808", "1e10", "\"1717000000\"")));

    /// <summary>Dates in every form the providers use, and their extremes: a time at the edge of DateTime plus an offset.</summary>
    public static readonly Gen<string> Dates = Gen.Frequency(
        (3, Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[-14, 14],
            (y, m, d, h) => Quote($"{y:D4}-{m:D2}-{d:D2}T12:00:00{(h < 0 ? "-" : "+")}{Math.Abs(h):D2}:00"))),
        (2, Gen.OneOf(
            "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59.9999999",
            "0001-01-01 00:00:00.000000", "9999-12-31T23:59:59", "2024-02-30T00:00:00Z", "Sun Jun 26 2022 12:21:48 GMT+0300",
            "Mon Jan 1 0001 00:00:00 GMT+1400", "Fri Dec 31 9999 23:59:59 GMT-1400 (Somewhere)", "Tue, 20 Nov 2012 00:00:00 +0000",
            "Mon, 01 Jan 0001 00:00:00 +1400", "Fri, 31 Dec 9999 23:59:59 -1400", "2022-06-26 12:21:45.000000", "yesterday").Select(Quote)),
        (1, Texts));

    public static readonly Gen<string> TimeZones = OneOfText("Asia/Riyadh", "UTC", "Etc/GMT+12", "Etc/GMT-14", "America/New_York", "../../etc/passwd", "Not/AZone");

    /// <summary>Any JSON value at all, nested at most <paramref name="depth"/> deep.</summary>
    public static Gen<string> AnyJson(int depth) => depth == 0
        ? Gen.OneOf(Numbers, Texts, Booleans, Gen.Const("null"))
        : Gen.Frequency(
            (4, AnyJson(0)),
            (1, AnyJson(depth - 1).Array[0, 3].Select(items => "[" + string.Join(',', items) + "]")),
            (1, Gen.Select(Gen.String[0, 8], AnyJson(depth - 1), (key, value) => "{" + Quote(key) + ":" + value + "}")));

    /// <summary>JSON of <paramref name="shape"/>: each field usually present and plausible, sometimes absent, null or anything else.</summary>
    public static Gen<string> Json(Shape shape) => shape switch
    {
        Leaf leaf => Gen.Frequency((12, leaf.Json), (1, Gen.Const("null")), (1, AnyJson(2))),
        ArrayOf array => Gen.Frequency(
            (8, Json(array.Item).Array[0, 3].Select(items => "[" + string.Join(',', items) + "]")),
            (1, Gen.Const("[null]")),
            (1, AnyJson(1))),
        Obj obj => Gen.Frequency((12, Object(obj)), (1, Gen.Const("null")), (1, AnyJson(1))),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static Gen<string> Object(Obj obj)
    {
        var fields = Gen.Const("");
        foreach (var (name, value) in obj.Fields)
        {
            var field = Gen.Frequency(
                (10, Json(value).Select(json => $"{Quote(name)}:{json}")),
                (1, Gen.Const("")),
                // The same key twice: a translator must refuse it, not quietly pick one.
                (1, Gen.Select(Json(value), Json(value), (first, second) => $"{Quote(name)}:{first},{Quote(name)}:{second}")));
            fields = fields.SelectMany(before => field.Select(after => before.Length == 0 ? after : after.Length == 0 ? before : before + "," + after));
        }

        // Fields nobody documented yet must be skipped, whatever they hold.
        var unknown = Gen.Frequency((4, Gen.Const("")), (1, AnyJson(3).Select(json => "\"zz_unknown\":" + json)));
        return Gen.Select(fields, unknown, (known, extra) => "{" + string.Join(',', new[] { known, extra }.Where(part => part.Length > 0)) + "}");
    }

    /// <summary>The payload as the provider would send it, or its bytes damaged: truncated, changed, spliced or replaced.</summary>
    public static Gen<byte[]> Bytes(Gen<string> json)
    {
        var valid = json.Select(text => Encoding.UTF8.GetBytes(text));
        return Gen.Frequency(
            (8, valid),
            (1, valid.SelectMany(bytes => Gen.Int[0, bytes.Length].Select(end => bytes[..end]))),
            (1, valid.SelectMany(bytes => Gen.Select(Gen.Int[0, bytes.Length], Gen.Byte.Array[1, 6], (at, inserted) => (byte[])[.. bytes[..at], .. inserted, .. bytes[at..]]))),
            (1, valid.SelectMany(bytes => Gen.Select(Gen.Int[0, bytes.Length], Gen.Byte, (at, value) => Replaced(bytes, at, value)))),
            (1, Gen.Byte.Array[0, 64]));
    }

    public static string Quote(string text) => JsonSerializer.Serialize(text);

    private static byte[] Replaced(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        if (at < copy.Length)
        {
            copy[at] = value;
        }

        return copy;
    }
}

using System.Globalization;
using Hookgate.Processing;

namespace Hookgate.Providers.Salla;

/// <summary>The date forms Salla sends, turned into UTC.</summary>
internal static class SallaTime
{
    private const string RiyadhId = "Asia/Riyadh";

    // Riyadh has kept UTC+3 without daylight saving since 1947, so the fixed offset is exact on a host that has
    // no time-zone database (a trimmed container image, Windows without ICU).
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.TryFindSystemTimeZoneById(RiyadhId, out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone(RiyadhId, TimeSpan.FromHours(3), RiyadhId, RiyadhId);

    // JavaScript's Date.toString(), which Salla uses for the envelope: "Sun Jun 26 2022 12:21:48 GMT+0300",
    // with or without a trailing " (Arabia Standard Time)"; the docs show single-digit days ("Wed Jul 7 2021").
    private static readonly string[] JavaScriptFormats = ["ddd MMM d yyyy HH:mm:ss 'GMT'zzz"];

    // PHP's DateTime text, as in data.date.date, and ISO 8601 without an offset.
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>
    /// The envelope's <c>created_at</c>: a JavaScript date string, ISO 8601, or Salla's local
    /// <c>2022-06-26 12:21:48</c>. A time without an offset is read as Riyadh time: Salla runs its platform on it,
    /// its JavaScript dates all carry GMT+0300 and its PHP dates name Asia/Riyadh.
    /// </summary>
    public static DateTimeOffset EventTime(string? text)
    {
        if (text is null)
        {
            throw InvalidEventException.Missing("created_at");
        }

        var span = text.AsSpan().Trim();
        var comment = span.IndexOf(" (", StringComparison.Ordinal);
        var withoutComment = comment < 0 ? span : span[..comment];
        if (DateTimeOffset.TryParseExact(withoutComment, JavaScriptFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var js))
        {
            return js.ToUniversalTime();
        }

        if (DateTime.TryParseExact(span, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return InZone(local, Riyadh, "created_at", text);
        }

        if (DateTimeOffset.TryParseExact(span, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso.ToUniversalTime();
        }

        throw InvalidEventException.Expected(
            "created_at", "an ISO 8601 date or a JavaScript date such as 'Sun Jun 26 2022 12:21:48 GMT+0300'", text);
    }

    /// <summary>An order's <c>date</c>, a PHP DateTime object; null when absent. <paramref name="orderPath"/> names the order in errors.</summary>
    public static DateTimeOffset? OrderDate(SallaDate? date, string orderPath)
    {
        if (date?.Date is not { } text)
        {
            return null;
        }

        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw InvalidEventException.Expected($"{orderPath}.date.date", "a date such as '2022-06-26 12:21:45.000000'", text);
        }

        return InZone(local, Zone(date.Timezone, orderPath), $"{orderPath}.date.date", text);
    }

    private static TimeZoneInfo Zone(string? name, string orderPath)
    {
        // Same reasoning as for created_at: a date without its zone is Riyadh time.
        if (name is null || name == RiyadhId)
        {
            return Riyadh;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? zone
            : throw InvalidEventException.Expected($"{orderPath}.date.timezone", "an IANA time zone name such as 'Asia/Riyadh'", name);
    }

    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone, string field, string text)
    {
        // At the very start or end of the calendar (0001-01-01 in Riyadh) the UTC time would fall outside it.
        var offset = zone.GetUtcOffset(local);
        if (offset > TimeSpan.Zero ? local - DateTime.MinValue < offset : DateTime.MaxValue - local < -offset)
        {
            throw InvalidEventException.Expected(field, "a date between the years 1 and 9999 in UTC", text);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

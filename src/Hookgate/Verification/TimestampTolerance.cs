namespace Hookgate.Verification;

/// <summary>Refuses replays of old signed requests, and requests signed for a time far ahead.</summary>
public static class TimestampTolerance
{
    public static bool IsWithin(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var allowed = (long)tolerance.TotalSeconds;
        return unixSeconds >= nowSeconds - allowed && unixSeconds <= nowSeconds + allowed;
    }

    public static bool TryParseUnixSeconds(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds);
}

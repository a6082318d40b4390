using Hookgate.Processing;

namespace Hookgate.Providers;

/// <summary>Unix seconds from a payload, where any 64-bit number can arrive but only years 1 to 9999 are a time.</summary>
public static class UnixTime
{
    public static DateTimeOffset FromSeconds(long seconds, string field) =>
        seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw InvalidEventException.Expected(field, "Unix seconds between the years 1 and 9999", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

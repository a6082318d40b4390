using System.Globalization;

namespace Hookgate.Tests.Infrastructure;

/// <summary>Reads a sample out of a gateway's /metrics (Prometheus text exposition).</summary>
internal static class MetricsExposition
{
    /// <summary>The value of the one sample of <paramref name="name"/>, whatever its labels; null when there is none.</summary>
    public static double? Value(string exposition, string name)
    {
        var line = exposition.Split('\n')
            .SingleOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] is ' ' or '{');
        return line is null ? null : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace Hookgate.Bench;

/// <summary>Reads one sample out of the gateway's /metrics (Prometheus text exposition).</summary>
internal static class PrometheusText
{
    public static double Value(string exposition, string name)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

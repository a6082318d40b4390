using System.Globalization;

namespace Hookgate.Bench;

/// <summary>Reads samples out of the gateway's /metrics (Prometheus text exposition).</summary>
internal static class PrometheusText
{
    public static double Value(string exposition, string name) => Samples(exposition, name).FirstOrDefault();

    /// <summary>All of a metric's samples added up, whatever their labels (e.g. collections of every generation).</summary>
    public static double Sum(string exposition, string name) => Samples(exposition, name).Sum();

    private static IEnumerable<double> Samples(string exposition, string name)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                yield return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }
    }
}

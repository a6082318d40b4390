using System.Globalization;

namespace Hookgate.Bench;

/// <summary>Reads samples out of the gateway's /metrics (Prometheus text exposition).</summary>
internal static class PrometheusText
{
    public static double Value(string exposition, string name) => Samples(exposition, name).Select(sample => sample.Value).FirstOrDefault();

    /// <summary>All of a metric's samples added up, whatever their labels (e.g. collections of every generation).</summary>
    public static double Sum(string exposition, string name) => Samples(exposition, name).Sum(sample => sample.Value);

    /// <summary>
    /// A histogram's cumulative buckets (upper bound, count), each added up over every other label, lowest bound
    /// first, +Inf last.
    /// </summary>
    public static IReadOnlyList<(double UpperBound, double Count)> Buckets(string exposition, string name)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var (line, count) in Samples(exposition, name))
        {
            var bound = line.IndexOf("le=\"", StringComparison.Ordinal);
            if (bound < 0)
            {
                continue;
            }

            var text = line[(bound + 4)..line.IndexOf('"', bound + 4)];
            var upper = text == "+Inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
            buckets[upper] = buckets.GetValueOrDefault(upper) + count;
        }

        return [.. buckets.Select(bucket => (bucket.Key, bucket.Value))];
    }

    /// <summary>Each sample line of the metric, with its value.</summary>
    private static IEnumerable<(string Line, double Value)> Samples(string exposition, string name)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                yield return (line, double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            }
        }
    }
}

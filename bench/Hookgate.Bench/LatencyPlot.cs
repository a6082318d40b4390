using ScottPlot;

namespace Hookgate.Bench;

/// <summary>Ack latency (p50 and p99) against offered load, one line per database and percentile, as a PNG.</summary>
public static class LatencyPlot
{
    public static void Write(IReadOnlyList<IngestBenchmark.Figures> results, string path)
    {
        var plot = new Plot();
        foreach (var database in results.Where(r => r.OfferedFraction is not null).GroupBy(r => r.Database))
        {
            var points = database.OrderBy(r => r.OfferedFraction).ToArray();
            var offered = points.Select(r => r.OfferedFraction!.Value * 100).ToArray();
            var p99 = plot.Add.Scatter(offered, points.Select(r => r.P99).ToArray());
            p99.LegendText = $"{database.Key} p99";
            var p50 = plot.Add.Scatter(offered, points.Select(r => r.P50).ToArray());
            p50.LegendText = $"{database.Key} p50";
            p50.LinePattern = LinePattern.Dashed;
            p50.Color = p99.Color;
        }

        plot.Title("Durable ack latency against offered load (open loop)");
        plot.XLabel("offered load, % of that database's group-commit maximum");
        plot.YLabel("ack latency, ms");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 520);
    }
}

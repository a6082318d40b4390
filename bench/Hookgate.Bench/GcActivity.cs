namespace Hookgate.Bench;

/// <summary>
/// Garbage collections and the time they paused a process, so far: of the gateway, from its /metrics, and of this
/// load generator, from its runtime. A pause of either shows up in the acks timed meanwhile.
/// </summary>
public sealed record GcActivity(double Collections, double PausedMilliseconds)
{
    public static GcActivity OfThisProcess() =>
        new(GC.CollectionCount(0), GC.GetTotalPauseDuration().TotalMilliseconds);

    public static async Task<GcActivity> ScrapeAsync(HttpClient gateway)
    {
        var text = await gateway.GetStringAsync("/metrics");
        return new GcActivity(
            PrometheusText.Sum(text, "dotnet_gc_collections_total"),
            PrometheusText.Value(text, "dotnet_gc_pause_time_seconds_total") * 1000);
    }

    public string Describe(GcActivity before) =>
        $"{Collections - before.Collections:0} collections, paused {PausedMilliseconds - before.PausedMilliseconds:0} ms";
}

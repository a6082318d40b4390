namespace Hookgate.Bench;

/// <summary>
/// Garbage collections and the time they paused a process, so far: of the gateway, from its /metrics, and of this
/// load generator, from its runtime. A pause of either shows up in the acks timed meanwhile; the bytes allocated tell
/// whether there were more collections because more was allocated or because each one came sooner.
/// </summary>
public sealed record GcActivity(double Collections, double PausedMilliseconds, double AllocatedBytes)
{
    public static GcActivity OfThisProcess() =>
        new(GC.CollectionCount(0), GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes());

    public static async Task<GcActivity> ScrapeAsync(HttpClient gateway)
    {
        var text = await gateway.GetStringAsync("/metrics");
        return new GcActivity(
            PrometheusText.Sum(text, "dotnet_gc_collections_total"),
            PrometheusText.Value(text, "dotnet_gc_pause_time_seconds_total") * 1000,
            PrometheusText.Value(text, "dotnet_gc_heap_total_allocated_bytes_total"));
    }

    public string Describe(GcActivity before) =>
        $"{Collections - before.Collections:0} collections, paused {PausedMilliseconds - before.PausedMilliseconds:0} ms, " +
        $"allocated {(AllocatedBytes - before.AllocatedBytes) / (1 << 20):0} MiB";
}

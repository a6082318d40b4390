namespace Hookgate.Bench;

/// <summary>
/// The group-commit writer as the gateway's own /metrics saw it between two scrapes: how many commits, how many
/// events each carried, how long each took, and so how busy the single writer loop was; on SQLite also how often,
/// and for how long, a checkpoint held the writers back to start the log over.
/// </summary>
public sealed record WriterMetrics(double Commits, double Events, double CommitMilliseconds, double Holds, double HeldMilliseconds)
{
    public static async Task<WriterMetrics> ScrapeAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics");
        return new WriterMetrics(
            PrometheusText.Value(text, "hookgate_inbox_commit_duration_milliseconds_count"),
            PrometheusText.Value(text, "hookgate_inbox_commit_size_sum"),
            PrometheusText.Value(text, "hookgate_inbox_commit_duration_milliseconds_sum"),
            PrometheusText.Value(text, "hookgate_sqlite_checkpoint_hold_milliseconds_count"),
            PrometheusText.Value(text, "hookgate_sqlite_checkpoint_hold_milliseconds_sum"));
    }

    public string Describe(WriterMetrics before, TimeSpan elapsed)
    {
        var commits = Commits - before.Commits;
        var events = Events - before.Events;
        var busy = CommitMilliseconds - before.CommitMilliseconds;
        var holds = Holds - before.Holds;
        var held = HeldMilliseconds - before.HeldMilliseconds;
        return (commits == 0
            ? "no group commits"
            : $"{commits:0} commits, {events / commits:0.0} events each, {busy / commits:0.00} ms each, writer busy {busy / elapsed.TotalMilliseconds:P0}")
            + (holds == 0 ? "" : $"; held back by checkpoints {holds:0} times, {held / holds:0.0} ms each ({held / elapsed.TotalMilliseconds:P1} of the time)");
    }
}

namespace Hookgate.Bench;

/// <summary>
/// The group-commit writer as the gateway's own /metrics saw it between two scrapes: how many commits, how many
/// events each carried, how long each took, and so how busy the single writer loop was.
/// </summary>
public sealed record WriterMetrics(double Commits, double Events, double CommitMilliseconds)
{
    public static async Task<WriterMetrics> ScrapeAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics");
        return new WriterMetrics(
            PrometheusText.Value(text, "hookgate_inbox_commit_duration_milliseconds_count"),
            PrometheusText.Value(text, "hookgate_inbox_commit_size_sum"),
            PrometheusText.Value(text, "hookgate_inbox_commit_duration_milliseconds_sum"));
    }

    public string Describe(WriterMetrics before, TimeSpan elapsed)
    {
        var commits = Commits - before.Commits;
        var events = Events - before.Events;
        var busy = CommitMilliseconds - before.CommitMilliseconds;
        return commits == 0
            ? "no group commits"
            : $"{commits:0} commits, {events / commits:0.0} events each, {busy / commits:0.00} ms each, writer busy {busy / elapsed.TotalMilliseconds:P0}";
    }
}

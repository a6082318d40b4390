using System.Data.Common;
using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>
/// Receipt → domain row committed, per event, from what the gateway itself recorded: its receipt time and the
/// end of the attempt that applied it (which the same transaction committed a moment later).
/// </summary>
public static class ProcessingLag
{
    public sealed record Result(LongHistogram Lag, int Processed, int DeadLettered, double DrainSeconds);

    public static async Task WaitUntilProcessedAsync(Func<Task<DbConnection>> open, string source, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await open();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM inbox_status WHERE source = '{source}' AND status IN ('pending', 'processing', 'failed')";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Events of {source} were still unprocessed after {timeout}.");
    }

    public static async Task<Result> MeasureAsync(Func<Task<DbConnection>> open, string source)
    {
        var lag = new LongHistogram(TimeSpan.FromMinutes(10).Ticks, 3);
        var processed = 0;
        var deadLettered = 0;
        var firstStart = DateTimeOffset.MaxValue;
        var lastEnd = DateTimeOffset.MinValue;
        await using var connection = await open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT e.received_at, a.started_at, a.duration_ms, a.outcome
            FROM inbox_attempts a JOIN inbox_events e ON e.id = a.event_id
            WHERE e.source = '{source}'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var received = reader.GetFieldValue<DateTimeOffset>(0);
            var started = reader.GetFieldValue<DateTimeOffset>(1);
            var finished = started.AddMilliseconds(reader.GetDouble(2));
            var outcome = reader.GetString(3);
            if (outcome == "dead_lettered")
            {
                deadLettered++;
            }

            if (outcome is "succeeded" or "ignored")
            {
                processed++;
                lag.RecordValue(Math.Max(0, (finished - received).Ticks));
                firstStart = started < firstStart ? started : firstStart;
                lastEnd = finished > lastEnd ? finished : lastEnd;
            }
        }

        return new Result(lag, processed, deadLettered, processed == 0 ? 0 : (lastEnd - firstStart).TotalSeconds);
    }
}

using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// Checks what the database holds after a faulty run against what the provider was told: every acknowledged event
/// stored once, every event processed, every effect applied once, every ordering key processed in order.
/// </summary>
public static class InboxAudit
{
    /// <summary>Waits, bounded, until no event of the source is unfinished; returns how many still are.</summary>
    public static async Task<int> WaitUntilProcessedAsync(TestDatabase database, string source, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var unfinished = await database.ScalarAsync<int>(
                "SELECT COUNT(*) FROM inbox_status WHERE source = @source AND status <> 'succeeded'", ("source", source));
            if (unfinished == 0 || DateTimeOffset.UtcNow > deadline)
            {
                return unfinished;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<AuditFindings> AuditAsync(TestDatabase database, string source, OrderTraffic traffic)
    {
        var examples = new List<string>();
        await using var connection = await database.OpenAsync();

        // Stored exactly once: each acknowledged id holds the bytes that were sent, and nothing else was stored.
        var stored = new Dictionary<Guid, string>();
        await ReadAsync(connection, "SELECT id, body FROM inbox_events WHERE source = @source", source,
            r => stored[r.GetGuid(0)] = Hash(r.GetFieldValue<byte[]>(1)));
        var acked = traffic.Acked.ToList();
        var lost = acked.Count(a => !stored.TryGetValue(a.Ack.Id, out var hash) || hash != Hash(a.Body));
        var storedTwice = stored.Count - acked.Select(a => a.Ack.Id).Distinct().Count();
        var misanswered = traffic.Redeliveries.Count(r => r.Ack.Id != r.OriginalId || r.Ack.Status != "duplicate");

        var unfinished = await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_status WHERE source = @source AND status <> 'succeeded'", ("source", source));
        var attempts = await AuditAttemptsAsync(database, source);
        examples.AddRange(attempts.Examples);

        // The final state of each order is its newest version, with its two items once.
        var expected = traffic.FinalVersions();
        var found = 0;
        var wrongFinal = 0;
        await ReadAsync(connection, """
            SELECT o.external_id, o.total_amount, (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id)
            FROM orders o WHERE o.source = @source
            """, source, r =>
        {
            found++;
            var orderId = long.Parse(r.GetString(0), CultureInfo.InvariantCulture);
            var total = Convert.ToDecimal(r.GetValue(1), CultureInfo.InvariantCulture);
            var items = Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture);
            if (!expected.TryGetValue(orderId, out var version) || total != SallaOrderFeed.Total(version) || items != 2)
            {
                wrongFinal++;
                Note(examples, $"order {orderId}: total {total} with {items} items; expected version {version} ({SallaOrderFeed.Total(version)}, 2 items)");
            }
        });

        return new AuditFindings(
            Acked: acked.Count,
            Lost: lost,
            StoredTwice: storedTwice,
            StoredButUnanswered: acked.Count(a => a.Ack.Status == "duplicate"),
            Redeliveries: traffic.Redeliveries.Count,
            RedeliveriesMisanswered: misanswered,
            Unfinished: unfinished,
            OrdersExpected: expected.Count,
            OrdersFound: found,
            WrongFinalStates: wrongFinal,
            Attempts: attempts,
            Examples: examples);
    }

    /// <summary>
    /// Every recorded attempt of the source's events: applied once (one succeeded attempt per event: the status and
    /// the effects commit with it), and in order per key (sorted by event, no attempt starts before the previous one
    /// ended, which also means no event was processed by two workers at once).
    /// </summary>
    public static async Task<AttemptAudit> AuditAttemptsAsync(TestDatabase database, string source)
    {
        var examples = new List<string>();
        var attempts = new List<AttemptRecord>();
        await using (var connection = await database.OpenAsync())
        {
            await ReadAsync(connection, """
                SELECT s.ordering_key, a.event_id, a.attempt, a.worker, a.started_at, a.duration_ms, a.outcome
                FROM inbox_attempts a JOIN inbox_status s ON s.event_id = a.event_id
                WHERE s.source = @source
                """, source, r => attempts.Add(new AttemptRecord(
                    r.GetString(0), r.GetGuid(1), r.GetInt32(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetDouble(5), r.GetString(6))));
        }

        var doubleEffects = attempts.Where(a => a.Outcome == "succeeded").GroupBy(a => a.EventId).Count(g => g.Count() > 1);
        var orderViolations = 0;
        foreach (var key in attempts.GroupBy(a => a.OrderingKey))
        {
            var ordered = key.OrderBy(a => a.EventId).ThenBy(a => a.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].StartedAt < ordered[i - 1].FinishedAt)
                {
                    orderViolations++;
                    Note(examples, $"key {key.Key}: event {ordered[i].EventId} ({ordered[i].Worker}) started {ordered[i].StartedAt:O}, before {ordered[i - 1].EventId} ({ordered[i - 1].Worker}) finished {ordered[i - 1].FinishedAt:O}");
                }
            }
        }

        var claims = await database.ScalarAsync<long>("SELECT COALESCE(SUM(attempts), 0) FROM inbox_status WHERE source = @source", ("source", source));
        var reclaimed = await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_status WHERE source = @source AND attempts > 1", ("source", source));
        return new AttemptAudit(attempts, doubleEffects, orderViolations, reclaimed, claims - attempts.Count, examples);
    }

    private static async Task ReadAsync(DbConnection connection, string sql, string source, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "source";
        parameter.Value = source;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    private static string Hash(byte[] body) => Convert.ToHexString(SHA256.HashData(body));

    private static void Note(List<string> examples, string example)
    {
        if (examples.Count < 10)
        {
            examples.Add(example);
        }
    }

}

/// <summary>One row of <c>inbox_attempts</c>, with its event's ordering key.</summary>
public sealed record AttemptRecord(string OrderingKey, Guid EventId, int Attempt, string Worker, DateTimeOffset StartedAt, double DurationMs, string Outcome)
{
    public DateTimeOffset FinishedAt => StartedAt.AddMilliseconds(DurationMs);
}

/// <param name="ClaimsCutOff">Claims that left no attempt behind: cut off by a kill (or a lost lease) before they committed.</param>
public sealed record AttemptAudit(
    IReadOnlyList<AttemptRecord> Attempts,
    int DoubleEffects,
    int OrderViolations,
    int ReclaimedEvents,
    long ClaimsCutOff,
    IReadOnlyList<string> Examples)
{
    public void AssertClean()
    {
        Assert.True(DoubleEffects == 0, $"{DoubleEffects} events were applied more than once.");
        Assert.True(OrderViolations == 0, $"{OrderViolations} attempts broke their key's order:{Environment.NewLine}{string.Join(Environment.NewLine, Examples)}");
    }

    public override string ToString() =>
        $"attempts {Attempts.Count}, double effects {DoubleEffects}, key-order violations {OrderViolations}, " +
        $"events claimed again {ReclaimedEvents}, claims cut off {ClaimsCutOff}";
}

/// <summary>The audit's figures: every count of a fault must be zero, and every order found in its newest state.</summary>
public sealed record AuditFindings(
    int Acked,
    int Lost,
    int StoredTwice,
    int StoredButUnanswered,
    int Redeliveries,
    int RedeliveriesMisanswered,
    int Unfinished,
    int OrdersExpected,
    int OrdersFound,
    int WrongFinalStates,
    AttemptAudit Attempts,
    IReadOnlyList<string> Examples)
{
    public void AssertClean()
    {
        var problems = string.Join(Environment.NewLine, Examples);
        Assert.True(Lost == 0, $"{Lost} acknowledged events are not stored as sent.");
        Assert.True(StoredTwice == 0, $"{StoredTwice} events were stored more than once.");
        Assert.True(RedeliveriesMisanswered == 0, $"{RedeliveriesMisanswered} redeliveries were not answered as duplicates of the original.");
        Assert.True(Unfinished == 0, $"{Unfinished} events were not processed.");
        Attempts.AssertClean();
        Assert.True(WrongFinalStates == 0, $"{WrongFinalStates} orders are not in their newest state:{Environment.NewLine}{problems}");
        Assert.Equal(OrdersExpected, OrdersFound);
    }

    public override string ToString() =>
        $"acked {Acked} (of which stored before a crash cut the answer off: {StoredButUnanswered}), redeliveries {Redeliveries} " +
        $"(misanswered {RedeliveriesMisanswered}), lost {Lost}, stored twice {StoredTwice}, unprocessed {Unfinished}, " +
        $"orders {OrdersFound}/{OrdersExpected} (wrong final state {WrongFinalStates}), {Attempts}";
}

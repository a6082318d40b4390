using System.Data.Common;
using Dapper;
using Hookgate.Inbox;
using Hookgate.Storage;

namespace Hookgate.Processing;

/// <summary>
/// Sends stored events through their translators again. Effects stay exactly-once because translators upsert by
/// the provider's ids and stale or identical states change nothing. Events being processed right now are left alone.
/// </summary>
public sealed class ReplayService(HookgateDatabase database, InboxSignal signal, TimeProvider time)
{
    // The criteria are filled in from the filter: only those given constrain, and no parameter is ever an untyped null.
    private const string ResetSql = """
        UPDATE inbox_status
        SET status = 'pending', attempts = 0, next_attempt_at = @now, locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = @now
        WHERE status <> 'processing' AND event_id IN (
            SELECT e.id FROM inbox_events e JOIN inbox_status s ON s.event_id = e.id WHERE {0})
        """;

    private const string DiscardSql = """
        UPDATE dead_letters SET discarded_at = @now
        WHERE event_id = @id AND discarded_at IS NULL
          AND EXISTS (SELECT 1 FROM inbox_status s WHERE s.event_id = @id AND s.status = 'dead_lettered')
        """;

    /// <summary>Replays one event; false when there is no such event or it is being processed now.</summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken) =>
        await ResetAsync(new EventFilter(Id: id), cancellationToken) > 0;

    /// <summary>Replays every event the filter selects; returns how many were queued again.</summary>
    public Task<int> ReplayAsync(EventFilter filter, CancellationToken cancellationToken) => ResetAsync(filter, cancellationToken);

    /// <summary>Gives up on a dead letter for good: it leaves the list, and its event stays stored.</summary>
    public async Task<bool> DiscardAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var writer = await database.OpenForWriteAsync(cancellationToken);
        return await writer.Connection.ExecuteAsync(new CommandDefinition(DiscardSql, new { id, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) > 0;
    }

    private async Task<int> ResetAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        await using var writer = await database.OpenForWriteAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var criteria = new List<string>();
        var parameters = new DynamicParameters(new { now = time.GetUtcNow() });
        Criterion(criteria, parameters, "e.id", "id", filter.Id);
        Criterion(criteria, parameters, "e.source", "source", filter.Source);
        Criterion(criteria, parameters, "e.event_type", "type", filter.Type);
        Criterion(criteria, parameters, "s.status", "status", filter.Status);
        if (filter.Since is { } since)
        {
            // The id bound finds the range in the primary key; received_at then drops what came earlier in its millisecond.
            criteria.Add("e.id >= @sinceId AND e.received_at >= @since");
            parameters.Add("sinceId", FirstIdOf(since));
            parameters.Add("since", since.ToUniversalTime());
        }

        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, ResetSql, criteria.Count == 0 ? "1 = 1" : string.Join(" AND ", criteria));
        var count = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        await NotifyOtherInstancesAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return count;
    }

    /// <summary>
    /// The lowest UUID v7 of the millisecond <paramref name="at"/> falls in. Events get a v7 id of their receipt time
    /// (<see cref="Guid.CreateVersion7(DateTimeOffset)"/>), so every event received from then on has an id at least
    /// this one, on PostgreSQL's uuid and SQLite's text alike (both order the hex digits as the bytes).
    /// </summary>
    internal static Guid FirstIdOf(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = Math.Max(0, at.ToUnixTimeMilliseconds());
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (40 - (8 * i)));
        }

        bytes[6] = 0x70; // version 7
        bytes[8] = 0x80; // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    private static void Criterion<T>(List<string> criteria, DynamicParameters parameters, string column, string name, T? value)
    {
        if (value is not null)
        {
            criteria.Add($"{column} = @{name}");
            parameters.Add(name, value);
        }
    }

    private async Task NotifyOtherInstancesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgresInboxNotifications.NotifySql(database), transaction: transaction, cancellationToken: cancellationToken));
        }
    }
}

/// <summary>Which events a bulk operation selects; every criterion given must hold.</summary>
public sealed record EventFilter(Guid? Id = null, string? Source = null, string? Type = null, string? Status = null, DateTimeOffset? Since = null);

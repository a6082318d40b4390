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
    private const string ResetSql = """
        UPDATE inbox_status
        SET status = 'pending', attempts = 0, next_attempt_at = @now, locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = @now
        WHERE status <> 'processing' AND event_id IN (
            SELECT e.id FROM inbox_events e JOIN inbox_status s ON s.event_id = e.id
            WHERE (@id IS NULL OR e.id = @id)
              AND (@source IS NULL OR e.source = @source)
              AND (@type IS NULL OR e.event_type = @type)
              AND (@status IS NULL OR s.status = @status)
              AND (@since IS NULL OR e.received_at >= @since))
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
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DiscardSql, new { id, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) > 0;
    }

    private async Task<int> ResetAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = await connection.ExecuteAsync(new CommandDefinition(ResetSql, new
        {
            now = time.GetUtcNow(),
            id = filter.Id,
            source = filter.Source,
            type = filter.Type,
            status = filter.Status,
            since = filter.Since?.ToUniversalTime(),
        }, transaction, cancellationToken: cancellationToken));
        await NotifyOtherInstancesAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return count;
    }

    private async Task NotifyOtherInstancesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(PostgresInboxNotifications.NotifySql, transaction: transaction, cancellationToken: cancellationToken));
        }
    }
}

/// <summary>Which events a bulk operation selects; every criterion given must hold.</summary>
public sealed record EventFilter(Guid? Id = null, string? Source = null, string? Type = null, string? Status = null, DateTimeOffset? Since = null);

using System.Data.Common;
using Dapper;
using Hookgate.Storage;

namespace Hookgate.Processing;

/// <summary>
/// The inbox seen as a work queue: claims due events with a lease, oldest first, never an event whose ordering key
/// has an older unfinished event (so one key is processed in order and never twice at once, across instances),
/// and records how each attempt ended.
/// </summary>
public sealed class InboxQueue(HookgateDatabase database)
{
    // Written exactly as in the partial indexes' WHERE (V1__inbox.sql), so that SQLite can use them.
    private const string Unfinished = "('pending', 'processing', 'failed')";

    // PostgreSQL: competing instances skip the rows another is claiming. SQLite: one process, and the single
    // statement runs under the file's write lock, so claims cannot interleave.
    // On PostgreSQL the older-event check is fenced (OFFSET 0) so that it stays a lookup of the candidate's own key:
    // unfenced, a plan prepared while the table was empty made it an anti-join rescanning every unfinished event for
    // each candidate, and one claim from a 10,000-event backlog took 15.5 s (34 ms fenced, 0.8 ms planned at size).
    private readonly string claimSql = $"""
        UPDATE inbox_status
        SET status = 'processing', locked_by = @worker, locked_until = @lease_until, attempts = attempts + 1, updated_at = @now
        WHERE event_id IN (
            SELECT s.event_id FROM inbox_status s
            WHERE s.status IN {Unfinished}
              AND s.next_attempt_at <= @now
              AND (s.locked_until IS NULL OR s.locked_until < @now)
              AND NOT EXISTS (
                  SELECT 1 FROM inbox_status earlier
                  WHERE earlier.source = s.source AND earlier.ordering_key = s.ordering_key
                    AND earlier.event_id < s.event_id AND earlier.status IN {Unfinished}
                    {(database.Provider == DatabaseProvider.Postgres ? "OFFSET 0" : "")})
            ORDER BY s.event_id
            LIMIT @limit
            {(database.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "")})
        RETURNING event_id, attempts
        """;

    private const string LoadSql = """
        SELECT id, source, provider, event_type, provider_event_id, ordering_key, received_at, content_type, headers, body
        FROM inbox_events WHERE id IN ({0})
        """;

    private const string FinishSql = """
        UPDATE inbox_status
        SET status = @status, next_attempt_at = @next_attempt_at, locked_by = NULL, locked_until = NULL, last_error = @error, updated_at = @now
        WHERE event_id = @event_id AND locked_by = @worker AND attempts = @attempt AND status = 'processing'
        RETURNING event_id
        """;

    private const string AttemptSql = """
        INSERT INTO inbox_attempts (event_id, attempt, worker, started_at, duration_ms, outcome, error)
        VALUES (@event_id, @attempt, @worker, @started_at, @duration_ms, @outcome, @error)
        RETURNING id
        """;

    private const string DeadLetterSql = """
        INSERT INTO dead_letters (event_id, reason, dead_lettered_at) VALUES (@event_id, @reason, @now)
        ON CONFLICT (event_id) DO UPDATE SET reason = excluded.reason, dead_lettered_at = excluded.dead_lettered_at, discarded_at = NULL
        RETURNING event_id
        """;

    // Gives back a claim without counting it as an attempt: the worker is shutting down, the event did not fail.
    private const string ReleaseSql = """
        UPDATE inbox_status
        SET status = CASE WHEN attempts > 1 THEN 'failed' ELSE 'pending' END, attempts = attempts - 1,
            locked_by = NULL, locked_until = NULL, updated_at = @now
        WHERE event_id = @event_id AND locked_by = @worker AND attempts = @attempt AND status = 'processing'
        """;

    // Every claim of one worker loop, given back the same way (see ReleaseHeldAsync).
    private const string ReleaseHeldSql = """
        UPDATE inbox_status
        SET status = CASE WHEN attempts > 1 THEN 'failed' ELSE 'pending' END, attempts = attempts - 1,
            locked_by = NULL, locked_until = NULL, updated_at = @now
        WHERE locked_by = @worker AND status = 'processing'
        """;

    private const string ExpireClaimsSql = """
        UPDATE inbox_status SET locked_until = @now
        WHERE status = 'processing' AND locked_until > @now
        """;

    /// <summary>
    /// SQLite only, when the workers start: the claims still held belong to a previous run of this gateway that
    /// died (one instance serves a SQLite file), so their leases end now rather than keeping those events, and every
    /// later event of their keys, waiting for minutes. Were another instance alive after all, the lease check when
    /// it finishes would discard its result, so nothing is applied twice. Returns how many claims were ended.
    /// </summary>
    public async Task<int> ExpireClaimsOfAPreviousRunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            // Instances share PostgreSQL: a claim here may be a live neighbour's, and only its lease may end it.
            return 0;
        }

        await using var writer = await database.OpenForWriteAsync(cancellationToken, durable: false);
        return await writer.Connection.ExecuteAsync(new CommandDefinition(ExpireClaimsSql, new { now }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ClaimedEvent>> ClaimAsync(string worker, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        List<(Guid EventId, int Attempts)> claims;
        await using (var writer = await database.OpenForWriteAsync(cancellationToken, durable: false))
        {
            claims = (await writer.Connection.QueryAsync<(Guid EventId, int Attempts)>(new CommandDefinition(claimSql,
                new { worker, lease_until = now + lease, now, limit }, cancellationToken: cancellationToken))).AsList();
        }

        if (claims.Count == 0)
        {
            return [];
        }

        var attempts = claims.ToDictionary(c => c.EventId, c => c.Attempts);
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = new List<ClaimedEvent>(claims.Count);
        foreach (var storedEvent in await LoadAsync(connection, attempts.Keys, cancellationToken))
        {
            claimed.Add(new ClaimedEvent(storedEvent, worker, attempts[storedEvent.Id]));
        }

        return claimed;
    }

    /// <summary>The claimed events in one query, oldest first.</summary>
    private static async Task<List<StoredEvent>> LoadAsync(DbConnection connection, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = new List<string>();
        foreach (var id in ids)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "id" + names.Count;
            parameter.Value = id;
            command.Parameters.Add(parameter);
            names.Add("@" + parameter.ParameterName);
        }

        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, LoadSql, string.Join(", ", names));
        var events = new List<StoredEvent>(names.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new StoredEvent(
                Id: reader.GetGuid(0),
                Source: reader.GetString(1),
                Provider: reader.GetString(2),
                EventType: reader.GetString(3),
                ProviderEventId: reader.IsDBNull(4) ? null : reader.GetString(4),
                OrderingKey: reader.GetString(5),
                ReceivedAt: reader.GetFieldValue<DateTimeOffset>(6),
                ContentType: reader.IsDBNull(7) ? null : reader.GetString(7),
                Headers: reader.GetString(8),
                Body: reader.GetFieldValue<byte[]>(9)));
        }

        events.Sort((a, b) => a.Id.CompareTo(b.Id));
        return events;
    }

    /// <summary>
    /// Sets the event's new status, only while this claim still holds it: the statement returns no row when the
    /// lease was lost meanwhile, and then nothing else of this attempt may be committed.
    /// </summary>
    public static Statement FinishStatement(ClaimedEvent claim, AttemptOutcome outcome) => new(FinishSql,
        ("status", outcome.Status),
        ("next_attempt_at", outcome.NextAttemptAt ?? outcome.FinishedAt),
        ("error", outcome.Error),
        ("now", outcome.FinishedAt),
        ("event_id", claim.Event.Id),
        ("worker", claim.Worker),
        ("attempt", claim.Attempt));

    /// <summary>The attempt's record, and the dead letter when it is one.</summary>
    public static void AddRecordStatements(List<Statement> statements, ClaimedEvent claim, AttemptOutcome outcome)
    {
        statements.Add(new Statement(AttemptSql,
            ("event_id", claim.Event.Id),
            ("attempt", claim.Attempt),
            ("worker", claim.Worker),
            ("started_at", outcome.StartedAt),
            ("duration_ms", outcome.Duration.TotalMilliseconds),
            ("outcome", outcome.Status),
            ("error", outcome.Error)));
        if (outcome.Status == EventStatus.DeadLettered)
        {
            statements.Add(new Statement(DeadLetterSql, ("event_id", claim.Event.Id), ("reason", outcome.Error), ("now", outcome.FinishedAt)));
        }
    }

    /// <summary>
    /// Gives back, uncounted, every claim the worker still holds: called by a loop that failed (the database went
    /// away between claiming and committing), which is working on nothing, so its claims would otherwise hold their
    /// events and every later event of their keys until the leases end. A commit that did reach the database has
    /// already moved its events out of <c>processing</c>, so nothing finished is given back.
    /// </summary>
    public async Task ReleaseHeldAsync(string worker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var writer = await database.OpenForWriteAsync(cancellationToken, durable: false);
        await writer.Connection.ExecuteAsync(new CommandDefinition(ReleaseHeldSql, new { worker, now }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(ClaimedEvent claim, DateTimeOffset now)
    {
        await using var writer = await database.OpenForWriteAsync(CancellationToken.None);
        await writer.Connection.ExecuteAsync(ReleaseSql, new { event_id = claim.Event.Id, worker = claim.Worker, attempt = claim.Attempt, now });
    }
}

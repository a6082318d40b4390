using Hookgate.Processing;
using Hookgate.Storage;

namespace Hookgate.Inbox;

/// <summary>Appends accepted events and their initial status, deduplicated by (source, dedup key), in one transaction.</summary>
public sealed class InboxStore(HookgateDatabase database)
{
    private const string InsertEventSql = """
        INSERT INTO inbox_events (id, source, provider, event_type, provider_event_id, dedup_key, ordering_key,
                                  received_at, content_type, remote_address, headers, body)
        VALUES (@id, @source, @provider, @event_type, @provider_event_id, @dedup_key, @ordering_key,
                @received_at, @content_type, @remote_address, @headers, @body)
        ON CONFLICT (source, dedup_key) DO NOTHING
        RETURNING id
        """;

    private const string InsertStatusSql = """
        INSERT INTO inbox_status (event_id, source, ordering_key, status, attempts, next_attempt_at, updated_at)
        VALUES (@event_id, @source, @ordering_key, 'pending', 0, @now, @now)
        RETURNING event_id
        """;

    private const string FindOriginalSql = "SELECT id FROM inbox_events WHERE source = @source AND dedup_key = @dedup_key";

    /// <summary>
    /// Stores the batch and commits once. An event whose (source, dedup key) exists already, committed earlier or
    /// earlier in this batch, is not stored again: its result names the original.
    /// </summary>
    public async Task<AppendResult[]> AppendAsync(IReadOnlyList<NewInboxEvent> events, CancellationToken cancellationToken)
    {
        await using var writer = await database.OpenForWriteAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var inserts = new Statement[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            inserts[i] = new Statement(InsertEventSql,
                ("id", e.Id), ("source", e.Source), ("provider", e.Provider), ("event_type", e.EventType),
                ("provider_event_id", e.ProviderEventId), ("dedup_key", e.DedupKey), ("ordering_key", e.OrderingKey),
                ("received_at", e.ReceivedAt), ("content_type", e.ContentType), ("remote_address", e.RemoteAddress),
                ("headers", e.Headers), ("body", e.Body));
        }

        var inserted = await StatementBatch.ScalarsAsync(connection, transaction, inserts, cancellationToken);

        var followUps = new Statement[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            followUps[i] = inserted[i] is not null
                ? new Statement(InsertStatusSql, ("event_id", e.Id), ("source", e.Source), ("ordering_key", e.OrderingKey), ("now", e.ReceivedAt))
                : new Statement(FindOriginalSql, ("source", e.Source), ("dedup_key", e.DedupKey));
        }

        // On PostgreSQL, workers of other instances (an ingest-only one writes here) hear of the commit at once.
        Statement[] statements = database.Provider == DatabaseProvider.Postgres
            ? [.. followUps, new Statement(PostgresInboxNotifications.NotifySql)]
            : followUps;
        var followed = await StatementBatch.ScalarsAsync(connection, transaction, statements, cancellationToken);

        await transaction.CommitAsync(cancellationToken);

        var results = new AppendResult[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            results[i] = inserted[i] is not null
                ? new AppendResult(events[i].Id, IsDuplicate: false)
                : new AppendResult(ReadGuid(followed[i]), IsDuplicate: true);
        }

        return results;
    }

    private static Guid ReadGuid(object? value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        _ => throw new InvalidOperationException($"Expected the id of the original event, got '{value}'."),
    };
}

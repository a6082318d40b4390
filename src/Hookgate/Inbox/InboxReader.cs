using System.Data.Common;
using System.Text;
using System.Text.Json;
using Hookgate.Storage;

namespace Hookgate.Inbox;

/// <summary>Reads events, their attempts and the dead letters for operators (API, CLI, dashboard).</summary>
public sealed class InboxReader(HookgateDatabase database)
{
    private const string EventSql = """
        SELECT e.id, e.source, e.provider, e.event_type, e.provider_event_id, e.dedup_key, e.ordering_key, e.received_at,
               e.content_type, e.headers, e.body, s.status, s.attempts, s.next_attempt_at, s.last_error
        FROM inbox_events e JOIN inbox_status s ON s.event_id = e.id
        WHERE e.id = @id
        """;

    private const string AttemptsSql = """
        SELECT attempt, worker, started_at, duration_ms, outcome, error
        FROM inbox_attempts WHERE event_id = @id ORDER BY id
        """;

    private const string DeadLettersSql = """
        SELECT d.event_id, e.source, e.event_type, d.reason, d.dead_lettered_at, s.attempts
        FROM dead_letters d
        JOIN inbox_events e ON e.id = d.event_id
        JOIN inbox_status s ON s.event_id = d.event_id
        WHERE d.discarded_at IS NULL AND s.status = 'dead_lettered' AND (@source IS NULL OR e.source = @source)
        ORDER BY d.dead_lettered_at DESC, d.event_id DESC
        LIMIT @limit
        """;

    public async Task<EventDetails?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await ExecuteAsync(connection, EventSql, cancellationToken, ("id", id));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var body = reader.GetFieldValue<byte[]>(10);
        var details = new EventDetails(
            Id: reader.GetGuid(0),
            Source: reader.GetString(1),
            Provider: reader.GetString(2),
            EventType: reader.GetString(3),
            ProviderEventId: reader.IsDBNull(4) ? null : reader.GetString(4),
            DedupKey: reader.GetString(5),
            OrderingKey: reader.GetString(6),
            ReceivedAt: reader.GetFieldValue<DateTimeOffset>(7),
            ContentType: reader.IsDBNull(8) ? null : reader.GetString(8),
            Headers: JsonDocument.Parse(reader.GetString(9)).RootElement.Clone(),
            Body: ReadableBody(body),
            BodyBase64: Convert.ToBase64String(body),
            Status: reader.GetString(11),
            Attempts: reader.GetInt32(12),
            NextAttemptAt: reader.GetFieldValue<DateTimeOffset>(13),
            LastError: reader.IsDBNull(14) ? null : reader.GetString(14),
            History: []);
        await reader.DisposeAsync();

        var history = new List<AttemptRecord>();
        await using var attempts = await ExecuteAsync(connection, AttemptsSql, cancellationToken, ("id", id));
        while (await attempts.ReadAsync(cancellationToken))
        {
            history.Add(new AttemptRecord(
                attempts.GetInt32(0), attempts.GetString(1), attempts.GetFieldValue<DateTimeOffset>(2),
                attempts.GetDouble(3), attempts.GetString(4), attempts.IsDBNull(5) ? null : attempts.GetString(5)));
        }

        return details with { History = history };
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? source, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await ExecuteAsync(connection, DeadLettersSql, cancellationToken, ("source", source), ("limit", limit));
        var deadLetters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deadLetters.Add(new DeadLetter(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5)));
        }

        return deadLetters;
    }

    /// <summary>The body as text when it is UTF-8 (almost always); null otherwise, with the base64 alongside.</summary>
    private static string? ReadableBody(byte[] body)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static async Task<DbDataReader> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            // An untyped null leaves PostgreSQL unable to infer "@source IS NULL"; say it is text.
            if (value is null)
            {
                parameter.DbType = System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.Default, cancellationToken);
    }
}

/// <summary>An event with everything an operator needs to understand it: raw request, status and attempts.</summary>
public sealed record EventDetails(
    Guid Id,
    string Source,
    string Provider,
    string EventType,
    string? ProviderEventId,
    string DedupKey,
    string OrderingKey,
    DateTimeOffset ReceivedAt,
    string? ContentType,
    JsonElement Headers,
    string? Body,
    string BodyBase64,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    IReadOnlyList<AttemptRecord> History);

public sealed record AttemptRecord(int Attempt, string Worker, DateTimeOffset StartedAt, double DurationMs, string Outcome, string? Error);

public sealed record DeadLetter(Guid EventId, string Source, string EventType, string Reason, DateTimeOffset DeadLetteredAt, int Attempts);

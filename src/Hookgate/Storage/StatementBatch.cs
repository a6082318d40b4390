using System.Data.Common;

namespace Hookgate.Storage;

/// <summary>One statement and its parameters; what it returns is the first column of its first row, if any.</summary>
public readonly record struct Statement(string Sql, params (string Name, object? Value)[] Parameters);

/// <summary>
/// Runs statements in one round trip where the driver batches (Npgsql), and one after another where it does not
/// (SQLite is in-process: there is no round trip to save).
/// </summary>
public static class StatementBatch
{
    /// <summary>The first column of each statement's first row, or null where it returned no row.</summary>
    public static async Task<object?[]> ScalarsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var results = new object?[statements.Count];
        if (statements.Count == 0)
        {
            return results;
        }

        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                foreach (var (name, value) in statement.Parameters)
                {
                    command.Parameters.Add(Parameter(command.CreateParameter(), name, value));
                }

                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = await reader.ReadAsync(cancellationToken) ? reader.GetValue(0) : null;
                await reader.NextResultAsync(cancellationToken);
            }

            return results;
        }

        for (var i = 0; i < results.Length; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statements[i].Sql;
            foreach (var (name, value) in statements[i].Parameters)
            {
                command.Parameters.Add(Parameter(command.CreateParameter(), name, value));
            }

            var scalar = await command.ExecuteScalarAsync(cancellationToken);
            results[i] = scalar is DBNull ? null : scalar;
        }

        return results;
    }

    private static DbParameter Parameter(DbParameter parameter, string name, object? value)
    {
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            string text => Storable(text),
            _ => value,
        };
        return parameter;
    }

    /// <summary>
    /// Text from senders (a name, a reason quoting a field) may hold U+0000, which PostgreSQL text refuses: the
    /// statement would fail, and with it the transaction and the connection's auto-prepared statements
    /// (npgsql/npgsql#6391). It is stored as U+FFFD, as an undecodable byte would be, on either database.
    /// </summary>
    public static string Storable(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;
}

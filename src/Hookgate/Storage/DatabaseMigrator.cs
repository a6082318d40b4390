using EvolveDb;

namespace Hookgate.Storage;

/// <summary>Applies the schema with Evolve from the scripts embedded beside this class, one folder per dialect.</summary>
public sealed partial class DatabaseMigrator(HookgateDatabase database, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Evolve holds a session-level advisory lock while it migrates: on PostgreSQL that session is kept out of the
        // pool, whose connections are not reset on reuse.
        await using var connection = database.Provider == DatabaseProvider.Postgres
            ? await database.OpenUnpooledAsync(cancellationToken)
            : await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets workers read while the ingest writer commits; it is a property of the file, set once.
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // Evolve's I/O is synchronous, its constructor's included. After an await on a socket this method may be running
        // on the socket engine's own thread (with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, a common latency knob),
        // where a blocking read waits for an event that only that thread would deliver: the gateway never became ready.
        var applied = await Task.Run(() =>
        {
            var evolve = new Evolve(connection, message => LogEvolve(logger, message))
            {
                EmbeddedResourceAssemblies = [typeof(DatabaseMigrator).Assembly],
                EmbeddedResourceFilters = [$"Hookgate.Storage.Migrations.{database.Provider}."],
                IsEraseDisabled = true,
            };
            evolve.Migrate();
            return evolve.NbMigration;
        }, cancellationToken);
        LogMigrated(logger, database.Provider, applied);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Evolve: {Message}")]
    private static partial void LogEvolve(ILogger logger, string message);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Database schema of {Provider} is up to date ({Applied} migrations applied now).")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int applied);
}

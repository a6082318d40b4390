using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hookgate.Storage;

/// <summary>
/// The one database Hookgate keeps everything in: an embedded SQLite file by default, PostgreSQL when several
/// instances share it. Both are reached through the same ADO.NET surface; SQL differs only where the dialects do.
/// </summary>
public sealed class HookgateDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>How long a SQLite statement waits for the file's lock before the write fails (and ingest answers 503).</summary>
    private const int SqliteBusyTimeoutSeconds = 5;

    /// <summary>
    /// SQLite: how long the write-ahead log may grow (in 4 KiB pages) before a commit checkpoints it itself. The
    /// <see cref="SqliteCheckpointer"/> keeps it far shorter; this only bounds the log if that one falls behind.
    /// </summary>
    public const int SqliteCommitCheckpointPages = 16384;

    static HookgateDatabase() => GuidTypeHandler.Register();

    /// <summary>PostgreSQL only: connections whose commits do not wait for the WAL flush (synchronous_commit off).</summary>
    private readonly DbDataSource? relaxedDataSource;

    /// <summary>PostgreSQL only: the durable connection string with pooling off, password included.</summary>
    private readonly string? unpooledConnectionString;

    private HookgateDatabase(DatabaseProvider provider, DbDataSource dataSource, DbDataSource? relaxedDataSource = null, string? unpooledConnectionString = null)
    {
        Provider = provider;
        DataSource = dataSource;
        this.relaxedDataSource = relaxedDataSource;
        this.unpooledConnectionString = unpooledConnectionString;
        sqliteWriters = provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>
    /// SQLite has one writer at a time, and Microsoft.Data.Sqlite meets a locked file by sleeping 150 ms on the thread
    /// and trying again. Every writer of the file is in this process, so they queue here instead, for microseconds.
    /// </summary>
    private readonly SemaphoreSlim? sqliteWriters;

    public DatabaseProvider Provider { get; }

    /// <summary>Names this gateway in what it tells other instances through the database (PostgreSQL NOTIFY).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public DbDataSource DataSource { get; }

    public static HookgateDatabase Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => CreatePostgres(connectionString),
        DatabaseProvider.Sqlite => CreateSqlite(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    private static HookgateDatabase CreatePostgres(string connectionString)
    {
        // The same few statements run thousands of times a second: let Npgsql prepare them once per connection
        // instead of PostgreSQL parsing and planning each execution (unless the operator chose otherwise).
        var durable = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            durable.MaxAutoPrepare = 64;
            durable.AutoPrepareMinUsages = 2;
        }

        // Npgsql resets a pooled connection's session each time it is handed out again (seven statements run by the
        // server before the next query: a group commit's worth of work at light load). Hookgate sets no session
        // state on pooled connections: what does (LISTEN, and the migrations' advisory lock) runs on a connection
        // outside the pool (OpenUnpooledAsync).
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            durable.NoResetOnClose = true;
        }

        connectionString = durable.ConnectionString;
        // The workers' connections. Their statements are all lookups by key on an index, prepared once per connection.
        // A claim prepared while the tables were still empty (a fresh deployment's first minute, until autovacuum
        // analyzes them) scanned its partial index by bitmap, which never marks the dead entries each claim and
        // finish leave behind, so every claim re-read them all. Without bitmap and sequential scans it walks the index
        // in order and stops at its limit whatever the statistics say: from a 10,000-event backlog, 34 ms -> 0.6 ms.
        // Prepared, they also keep one generic plan: depending on the statistics of the moment, PostgreSQL judged the
        // generic plan of an order's item deletion costlier than a fresh one, and in one run planned it afresh at 87%
        // of its executions, planning taking eleven times as long as running.
        var relaxed = new NpgsqlConnectionStringBuilder(connectionString);
        const string workerSettings = "-c synchronous_commit=off -c enable_bitmapscan=off -c enable_seqscan=off -c plan_cache_mode=force_generic_plan";
        relaxed.Options = string.IsNullOrEmpty(relaxed.Options) ? workerSettings : relaxed.Options + " " + workerSettings;
        return new HookgateDatabase(
            DatabaseProvider.Postgres,
            new NpgsqlDataSourceBuilder(connectionString).Build(),
            new NpgsqlDataSourceBuilder(relaxed.ConnectionString).Build(),
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
    }

    /// <summary>PostgreSQL only: a connection of its own, never returned to the pool, for session state such as LISTEN.</summary>
    public async ValueTask<NpgsqlConnection> OpenUnpooledAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(unpooledConnectionString
            ?? throw new InvalidOperationException("Only a PostgreSQL database has unpooled connections."));
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static HookgateDatabase CreateSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Default Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = SqliteBusyTimeoutSeconds;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new HookgateDatabase(DatabaseProvider.Sqlite, SqliteFactory.Instance.CreateDataSource(builder.ToString()));
    }

    /// <summary>
    /// Opens a connection for a write transaction; hold it no longer than the transaction. Only writes that an ack
    /// promises need to be <paramref name="durable"/> before they return: on SQLite the others skip their own fsync
    /// (their WAL frames reach the disk with the next durable commit), and losing one to a power cut only means an
    /// event is processed again, which the upserts make harmless.
    /// </summary>
    public async ValueTask<WriteConnection> OpenForWriteAsync(CancellationToken cancellationToken, bool durable = true)
    {
        if (sqliteWriters is not null)
        {
            await sqliteWriters.WaitAsync(cancellationToken);
        }

        try
        {
            var connection = durable || relaxedDataSource is null
                ? await OpenAsync(cancellationToken)
                : await relaxedDataSource.OpenConnectionAsync(cancellationToken);
            if (!durable && Provider == DatabaseProvider.Sqlite)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return new WriteConnection(connection, sqliteWriters);
        }
        catch
        {
            sqliteWriters?.Release();
            throw;
        }
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Per connection: FULL makes a commit durable on disk before it returns, which is what an ack promises.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = {SqliteCommitCheckpointPages};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public void Dispose()
    {
        DataSource.Dispose();
        relaxedDataSource?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (relaxedDataSource is not null)
        {
            await relaxedDataSource.DisposeAsync();
        }
    }
}

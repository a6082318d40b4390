using System.Data.Common;
using Hookgate.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hookgate.Tests.Infrastructure;

/// <summary>A real database for one test class: a SQLite file in a temporary folder, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        Database = HookgateDatabase.Create(provider, connectionString);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file's folder; null for PostgreSQL.</summary>
    public string? Directory { get; }

    /// <summary>A separate handle on the same database, for assertions made behind the gateway's back.</summary>
    public HookgateDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return new TestDatabase(provider, await PostgresServer.CreateDatabaseAsync(), null);
        }

        var directory = Path.Combine(Path.GetTempPath(), "hookgate-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new TestDatabase(provider, $"Data Source={Path.Combine(directory, "hookgate.db")}", directory);
    }

    /// <summary>A database with Hookgate's schema applied, for tests that use its stores without a gateway.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        await new DatabaseMigrator(database.Database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    public IEnumerable<string> GatewayArguments =>
    [
        $"--Hookgate:Database:Provider={Provider}",
        $"--ConnectionStrings:Hookgate={ConnectionString}",
    ];

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<DbConnection> OpenAsync() => await Database.OpenAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (Directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a pool on its way out: the temp folder is cleaned by the OS.
            }
        }
    }
}

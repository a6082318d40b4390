using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hookgate.Bench;

/// <summary>One database the gateway is measured on: a fresh SQLite file, or a fresh database on a PostgreSQL server.</summary>
public sealed record Scenario(string Name, string Provider, string ConnectionString)
{
    public IEnumerable<string> DatabaseArguments =>
        [$"--Hookgate:Database:Provider={Provider}", $"--ConnectionStrings:Hookgate={ConnectionString}"];

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Provider == "postgres" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static Scenario Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hookgate-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new Scenario("SQLite", "sqlite", $"Data Source={Path.Combine(directory, "hookgate.db")}");
    }

    public static async Task<Scenario> PostgresAsync(string serverConnectionString)
    {
        var name = "hookgate_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new Scenario("PostgreSQL", "postgres", new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString);
    }
}

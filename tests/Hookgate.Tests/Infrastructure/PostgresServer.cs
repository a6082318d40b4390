using Npgsql;

namespace Hookgate.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL server scripts/test.sh starts for the suite. Each test class gets a database of its own,
/// so classes run in parallel without seeing each other's rows.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "HOOKGATE_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)
        ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set. Run the suite with scripts/test.sh, which starts a throwaway PostgreSQL cluster and sets it.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "hookgate_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs SQL as the superuser on the server (not inside the test's database).</summary>
    public static async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static string DatabaseName(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;
}

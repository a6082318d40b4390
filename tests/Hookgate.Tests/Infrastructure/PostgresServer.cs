using System.Diagnostics;
using Npgsql;

namespace Hookgate.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL server scripts/test.sh starts for the suite. Each test class gets a database of its own,
/// so classes run in parallel without seeing each other's rows.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "HOOKGATE_TEST_POSTGRES";

    /// <summary>The cluster's pg_ctl command line, which scripts/test.sh exports.</summary>
    public const string ControlVariable = "HOOKGATE_TEST_PG_CTL";

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

    /// <summary>
    /// Stops the whole server, every test database with it (a clean, fast shutdown: open connections are cut). Only
    /// for tests of the reliability collection, which run alone.
    /// </summary>
    public static Task StopServerAsync() => PgCtlAsync("-m fast -w stop");

    public static async Task StartServerAsync()
    {
        await PgCtlAsync("-w start");

        // Connections pooled in this process before the stop are dead now.
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task PgCtlAsync(string action)
    {
        var pgCtl = Environment.GetEnvironmentVariable(ControlVariable)
            ?? throw new InvalidOperationException($"{ControlVariable} is not set. Run the suite with scripts/test.sh, which starts the cluster and sets it.");
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{pgCtl} {action}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {action} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}

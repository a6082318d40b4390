using System.Diagnostics;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Cli;

/// <summary>The <c>hookgate</c> command as a user runs it: the built program, in its own process.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Migrate_applies_the_schema_and_exits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, output) = await RunAsync("migrate", $"--ConnectionStrings:Hookgate={database.ConnectionString}");

        Assert.True(exitCode == 0, output);
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT COUNT(*) FROM orders"));
    }

    [Fact]
    public async Task Serve_refuses_to_start_with_a_broken_source_and_names_the_key()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, output) = await RunAsync("serve", "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Hookgate={database.ConnectionString}",
            "--Hookgate:Sources:shop:Provider=stripe");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Hookgate:Sources:shop:Secrets", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_an_unknown_role()
    {
        var (exitCode, output) = await RunAsync("serve", "--role", "janitor");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("janitor", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hookgate.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hookgate {string.Join(' ', arguments)} did not exit within 60 s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

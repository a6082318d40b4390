using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hookgate.Tests.Infrastructure;

/// <summary>
/// The built gateway as an operator runs it, <c>dotnet hookgate.dll serve</c>, in a process of its own that a test
/// can kill with SIGKILL, restart on the same port and database, and whose log lines, CPU and JIT time it can read.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;

    private GatewayProcess(Process process, Uri address, ConcurrentQueue<LogLine> output)
    {
        this.process = process;
        Address = address;
        Output = output;
    }

    public Uri Address { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr, each line with when it was read.</summary>
    public ConcurrentQueue<LogLine> Output { get; }

    /// <summary>
    /// Starts <c>serve</c> on <paramref name="port"/> (a free one when null), with <paramref name="environment"/> added
    /// to its own, and returns once <c>/readyz</c> answers 200.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(IEnumerable<string> arguments, int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        string[] all =
        [
            Path.Combine(AppContext.BaseDirectory, "hookgate.dll"), "serve", $"--urls={address}",
            "--Logging:LogLevel:Default=Warning", .. arguments,
        ];
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        // Several gateways share two cores with the tests: workstation GC keeps each one small.
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new ConcurrentQueue<LogLine>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Record(output, e.Data);
        process.ErrorDataReceived += (_, e) => Record(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var gateway = new GatewayProcess(process, address, output);
        try
        {
            await gateway.WaitUntilReadyAsync();
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>Restarts the same command line on the same port, as a supervisor would after a crash.</summary>
    public static Task<GatewayProcess> RestartAsync(GatewayProcess crashed, IEnumerable<string> arguments) =>
        StartAsync(arguments, crashed.Address.Port);

    /// <summary><c>kill -9</c>: no shutdown hook runs, nothing is flushed, in-flight requests and claims are cut off.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>User plus system CPU seconds the process has used so far (from /proc/&lt;pid&gt;/stat).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const double ticksPerSecond = 100; // USER_HZ on Linux
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ticksPerSecond;
    }

    /// <summary>
    /// Seconds the gateway's JIT compiler has spent so far, from its /metrics (which caches a scrape for 300 ms). A
    /// young process still compiles its hot paths again at a higher tier, so a CPU budget is only comparable without it.
    /// </summary>
    public async Task<double> JitSecondsAsync()
    {
        const string counter = "dotnet_jit_compilation_time_seconds_total{";
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var line = (await client.GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith(counter, StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Lines read between two moments that contain <paramref name="text"/>.</summary>
    public int CountLines(string text, DateTimeOffset from, DateTimeOffset to) =>
        Output.Count(line => line.At >= from && line.At <= to && line.Text.Contains(text, StringComparison.Ordinal));

    public string Tail(int lines = 40) => string.Join(Environment.NewLine, Output.TakeLast(lines).Select(l => l.Text));

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + ReadyTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {process.ExitCode} before it was ready:{Environment.NewLine}{Tail()}");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The gateway was not ready within {ReadyTimeout.TotalSeconds} s:{Environment.NewLine}{Tail()}");
    }

    private static void Record(ConcurrentQueue<LogLine> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(new LogLine(DateTimeOffset.UtcNow, line));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

public sealed record LogLine(DateTimeOffset At, string Text);

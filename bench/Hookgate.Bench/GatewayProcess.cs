using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hookgate.Bench;

/// <summary>The gateway under test, in its own process, so that load generation does not share its CPU accounting.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process process;

    private GatewayProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => process.Id;

    /// <param name="environment">Variables for the gateway's runtime alone (e.g. GC knobs), as NAME=VALUE.</param>
    public static async Task<GatewayProcess> StartAsync(IEnumerable<string> configuration, IEnumerable<string>? environment = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dll = Path.Combine(AppContext.BaseDirectory, "hookgate.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[dll, "serve", $"--urls={address}", "--Logging:LogLevel:Default=Warning", .. configuration])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in environment ?? [])
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"An environment variable is given as NAME=VALUE, not '{variable}'.", nameof(environment));
            }

            start.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The gateway did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[gateway] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[gateway] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return new GatewayProcess(process, address);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The gateway was not ready within 60 s.");
    }

    /// <summary>A client with enough connections for the load, kept open for the whole run.</summary>
    public HttpClient CreateClient(int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Peak resident memory (VmHWM) in MiB, read from /proc.</summary>
    public double PeakRssMiB() => ProcStatusKiB("VmHWM:") / 1024.0;

    /// <summary>Resident memory now (VmRSS) in MiB, read from /proc.</summary>
    public double RssMiB() => ProcStatusKiB("VmRSS:") / 1024.0;

    /// <summary>User and system CPU seconds used so far, from /proc/&lt;pid&gt;/stat.</summary>
    public (double User, double System) CpuSeconds()
    {
        var (_, user, system, _) = ProcStat.Read(Pid);
        return (user, system);
    }

    private long ProcStatusKiB(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
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

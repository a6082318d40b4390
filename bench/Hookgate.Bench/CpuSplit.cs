using System.Diagnostics;
using System.Globalization;

namespace Hookgate.Bench;

/// <summary>
/// Where the cores went during one measured load, in cores (CPU seconds per second): the gateway, the database
/// server's processes (PostgreSQL; SQLite runs inside the gateway) and this load generator. They share one machine,
/// so a figure of one is also a statement about the others.
/// </summary>
public sealed record CpuSplit(double Gateway, double Database, double Load)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Gateway:0.00} / {Database:0.00} / {Load:0.00}");

    /// <summary>CPU seconds used so far by each, to subtract from a later one.</summary>
    public sealed record Sample(double Gateway, double Database, double Load, long At)
    {
        public static Sample Take(GatewayProcess gateway)
        {
            var (user, system) = gateway.CpuSeconds();
            return new Sample(user + system, DatabaseServerSeconds(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.GetTimestamp());
        }

        public CpuSplit Since(Sample before)
        {
            var seconds = Stopwatch.GetElapsedTime(before.At, At).TotalSeconds;
            return new CpuSplit((Gateway - before.Gateway) / seconds, (Database - before.Database) / seconds, (Load - before.Load) / seconds);
        }
    }

    /// <summary>
    /// Every process named postgres: the server, its background workers and one backend per connection. A backend
    /// or autovacuum worker that exits takes its CPU time into the server's exited-children count, which is added,
    /// so that the sum never goes back (without it, one phase showed −0.04 PostgreSQL cores).
    /// </summary>
    private static double DatabaseServerSeconds()
    {
        var total = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (ProcStat.Read(pid) is ("postgres", var user, var system, var exitedChildren))
                {
                    total += user + system + exitedChildren;
                }
            }
            catch (IOException)
            {
                // It ended between the listing and the read.
            }
        }

        return total;
    }
}

/// <summary>
/// One process's name and CPU seconds from /proc/&lt;pid&gt;/stat: its own (user, system), and those of its children
/// that have exited and been waited for.
/// </summary>
internal static class ProcStat
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static (string Name, double User, double System, double ExitedChildren) Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Seconds(int field) => long.Parse(fields[field], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (name, Seconds(11), Seconds(12), Seconds(13) + Seconds(14));
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Hookgate.Bench;

/// <summary>
/// Waits until a due time with microsecond precision, without spinning a core the gateway needs: Task.Delay and
/// Thread.Sleep round to whole milliseconds (and Task.Delay fires a millisecond or more late), which an open loop
/// would then count as the server's latency. Runs on the load's own thread.
/// </summary>
internal static partial class Pacer
{
    public static void WaitUntil(Stopwatch clock, TimeSpan due)
    {
        while (true)
        {
            var wait = due - clock.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            // nanosleep overshoots by the kernel's timer slack (50 µs by default): close enough, and the CPU stays free.
            _ = usleep((uint)Math.Max(1, wait.Ticks / TimeSpan.TicksPerMicrosecond));
        }
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int usleep(uint microseconds);
}

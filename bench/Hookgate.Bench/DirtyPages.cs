using System.Runtime.InteropServices;

namespace Hookgate.Bench;

/// <summary>
/// Writes the machine's dirty pages to disk before a measurement, so that one the previous phase left behind (a
/// PostgreSQL run leaves a few hundred MB of evicted table pages) is not written back during the next one: a
/// writeback burst holds up every fsync queued behind it, and a SQLite run at 1,000/s right after a PostgreSQL
/// maximum had p99 930 ms with the previous run's pages in the cache, 29 and 111 ms with them written first
/// (docs/benchmarks.md).
/// What the measured phase itself writes back stays in its figures.
/// </summary>
internal static partial class DirtyPages
{
    public static void WriteBack() => sync();

    [LibraryImport("libc", SetLastError = false)]
    private static partial void sync();
}

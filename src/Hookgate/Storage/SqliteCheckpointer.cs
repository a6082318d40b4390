using System.Data.Common;
using Hookgate.Telemetry;

namespace Hookgate.Storage;

/// <summary>
/// SQLite copies its write-ahead log back into the database file in checkpoints. Left to itself it runs one inside
/// whichever commit takes the log past 1,000 pages, and under load that is several times a second inside the commit an
/// ack waits for. Here they run beside the writers instead, a few times a second; a commit checkpoints only if the log
/// outgrows <see cref="HookgateDatabase.SqliteCommitCheckpointPages"/> because this one fell behind.
/// </summary>
/// <remarks>
/// A passive checkpoint never waits for a writer nor makes one wait, but the log starts over from its beginning only
/// when a commit finds all of it copied, and under steady load a commit always lands while a checkpoint runs. So the
/// log never started over: it grew to the commit threshold, and that commit's own checkpoint (the 250 ms of log the
/// last background one had not copied, tens of MB at the maximum) stalled the acks 70–100 ms once a second. Now, once
/// the log is long, a round ends with the writers held back for a last pass over what came in meanwhile, and the next
/// commit starts the log over (unless a reader still holds an older snapshot of it: then a later round does). That
/// pass copies little, but SQLite syncs the database file only when the whole log is in it, so it waits for the
/// writeback of every page the round copied. So before holding them the round writes those pages back itself, beside
/// the writers, then copies and writes back what came in meanwhile: the held pass is left a few milliseconds' pages to
/// copy and sync, 3–6 ms at the SQLite maximum where it took 8–46 ms. Measured side by side (ingest only), ack p99 at
/// the maximum went 51–57 → 37–44 ms with the held pass, and 36–39 → 19–21 ms with the writeback before it
/// (docs/benchmarks.md).
/// </remarks>
public sealed partial class SqliteCheckpointer(
    HookgateDatabase database, HookgateMetrics metrics, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Passes beside the writers, each over what commits added during the one before, until that is little. If the
    /// writers outpace them (a slow disk), the held pass copies what came in during the last one: still less than the
    /// commit threshold's checkpoint would.
    /// </summary>
    private const int PassesBesideTheWriters = 3;

    /// <summary>What commits may add during a pass for the next to be the held one: 4 MiB of 4 KiB pages.</summary>
    private const int FramesCopiedWithTheWritersHeld = 1024;

    /// <summary>A log shorter than this (16 MiB) is left to grow: starting it over is not worth holding a commit up.</summary>
    private const int StartOverAfterFrames = 4096;

    /// <summary>The log's length as the last round's passes reported it; only this loop reads and writes it.</summary>
    private long framesAtLastRound;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the last commits' frames are durable in the log and checkpointed at the next start.
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            long logFrames = 0;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                // A pass reports the log as it was when the pass began; what commits added meanwhile is for the next.
                for (var pass = 0; pass < PassesBesideTheWriters; pass++)
                {
                    var before = logFrames;
                    logFrames = await PassAsync(connection, cancellationToken);
                    if (logFrames <= 0)
                    {
                        // An empty log, or another checkpoint running (a commit's own).
                        return;
                    }

                    if (logFrames - before <= FramesCopiedWithTheWritersHeld)
                    {
                        break;
                    }
                }

                // Idle since the last round: the log is all copied, and the next commit starts it over by itself.
                var idle = logFrames == framesAtLastRound;
                framesAtLastRound = logFrames;
                if (logFrames <= StartOverAfterFrames || idle)
                {
                    return;
                }

                // The first writeback takes tens of milliseconds at the maximum, and the commits meanwhile add more
                // pages; the second pass and writeback take those, so the held pass is left only a few milliseconds'.
                WriteBack(connection.DataSource);
                await PassAsync(connection, cancellationToken);
                WriteBack(connection.DataSource);
            }

            await using var writer = await database.OpenForWriteAsync(cancellationToken);
            var held = time.GetTimestamp();
            await PassAsync(writer.Connection, cancellationToken);
            metrics.RecordCheckpointHold(time.GetElapsedTime(held));
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            // Nothing is lost: the frames stay in the log, and the next checkpoint (or a commit's) copies them.
            LogCheckpointFailed(logger, exception);
        }
    }

    /// <summary>Copies the log into the file; returns how many frames the log held (-1 when another checkpoint ran).</summary>
    private static async Task<long> PassAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await checkpoint.ExecuteReaderAsync(cancellationToken);
        return await result.ReadAsync(cancellationToken) ? result.GetInt64(1) : 0;
    }

    /// <summary>
    /// Writes the file's dirty pages to disk, as SQLite's own sync at the end of a complete checkpoint would. Syncing
    /// the database file more often than SQLite does costs it nothing in safety: the log stays the record until SQLite
    /// itself has synced the file after copying all of it.
    /// </summary>
    private static void WriteBack(string file)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(handle);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "A background checkpoint of the SQLite log failed; it is tried again shortly.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}

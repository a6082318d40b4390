namespace Hookgate.Storage;

/// <summary>
/// SQLite copies its write-ahead log back into the database file in checkpoints. Left to itself it runs one inside
/// whichever commit takes the log past 1,000 pages, and under load that is several times a second inside the commit an
/// ack waits for. Here they run beside the writers instead, a few times a second and passively (a passive checkpoint
/// never waits for a writer or reader, nor makes one wait); a commit checkpoints only if the log outgrows
/// <see cref="HookgateDatabase.SqliteCommitCheckpointPages"/> because this one fell behind.
/// </summary>
public sealed partial class SqliteCheckpointer(HookgateDatabase database, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

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
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            // Nothing is lost: the frames stay in the log, and the next checkpoint (or a commit's) copies them.
            LogCheckpointFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "A background checkpoint of the SQLite log failed; it is tried again shortly.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}

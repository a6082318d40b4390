using Hookgate.Inbox;
using Hookgate.Storage;
using Npgsql;

namespace Hookgate.Processing;

/// <summary>
/// On PostgreSQL, events may be received by another instance: its commit NOTIFYs a channel this instance LISTENs
/// on, and a local worker wakes within milliseconds instead of at its next poll.
/// </summary>
public sealed partial class PostgresInboxNotifications(HookgateDatabase database, InboxSignal signal, TimeProvider time, ILogger<PostgresInboxNotifications> logger) : BackgroundService
{
    public const string Channel = "hookgate_inbox";

    /// <summary>
    /// Runs in the committing transaction: PostgreSQL delivers it only if, and when, the commit succeeds. The payload
    /// names the sender, whose own workers were woken in-process already: hearing its own NOTIFY again woke every idle
    /// worker loop a second time per commit, each to claim nothing.
    /// </summary>
    public static string NotifySql(HookgateDatabase database) => $"SELECT pg_notify('{Channel}', '{database.InstanceId}')";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenUnpooledAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (notification.Payload != database.InstanceId)
                    {
                        signal.Notify();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything committed while we were not listening: look now.
                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                LogListenFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Warning, Message = "Listening for new events on PostgreSQL failed; workers fall back to polling until it reconnects.")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}

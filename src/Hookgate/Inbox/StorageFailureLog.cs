namespace Hookgate.Inbox;

/// <summary>
/// Logs an outage of the inbox's storage once, not once per refused batch: with the database down every delivery
/// fails within milliseconds, and formatting a stack trace for each cost the gateway more CPU than answering their
/// 503s. The first failure is logged with its exception; while the outage lasts, a count with the latest message at
/// most every <see cref="SummaryInterval"/>; and once a commit succeeds again, how long it lasted. A database that
/// comes and goes still gets at most one stack trace per interval: an outage that starts within one of the last
/// stack trace is logged by its message alone.
/// </summary>
public sealed partial class StorageFailureLog(TimeProvider time, ILogger<StorageFailureLog> logger)
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private DateTimeOffset? failingSince;
    private DateTimeOffset lastLogged;
    private DateTimeOffset lastStackTrace = DateTimeOffset.MinValue;
    private int failedSinceLogged;
    private int failedInOutage;

    public void Failed(Exception exception, int events)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            failedInOutage++;
            if (failingSince is null)
            {
                (failingSince, lastLogged, failedSinceLogged) = (now, now, 0);
                if (now - lastStackTrace >= SummaryInterval)
                {
                    lastStackTrace = now;
                    LogCommitFailed(logger, exception, events);
                }
                else
                {
                    LogCommitFailedAgain(logger, events, exception.Message);
                }

                return;
            }

            failedSinceLogged++;
            if (now - lastLogged >= SummaryInterval)
            {
                LogStillFailing(logger, failedSinceLogged, now - failingSince.Value, exception.Message);
                (lastLogged, failedSinceLogged) = (now, 0);
            }
        }
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref failedInOutage) == 0)
        {
            return;
        }

        lock (gate)
        {
            if (failingSince is { } since)
            {
                LogRecovered(logger, time.GetUtcNow() - since, failedInOutage);
                (failingSince, failedInOutage) = (null, 0);
            }
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Storing a batch of {Count} events failed; their senders are told to retry (503).")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Storing a batch of {Count} events failed again, soon after the last outage (503): {Reason}")]
    private static partial void LogCommitFailedAgain(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Storing events still fails: {Failed} more batches refused (503), {Elapsed} since the first. Latest: {Reason}")]
    private static partial void LogStillFailing(ILogger logger, int failed, TimeSpan elapsed, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Storing events works again after {Elapsed} and {Failed} refused batches.")]
    private static partial void LogRecovered(ILogger logger, TimeSpan elapsed, int failed);
}

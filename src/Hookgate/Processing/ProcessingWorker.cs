using System.Data.Common;
using Hookgate.Inbox;
using Microsoft.Extensions.Options;

namespace Hookgate.Processing;

/// <summary>
/// This instance's worker loops. Each claims a few due events, processes them one by one, and claims again; with
/// nothing to do it sleeps until the inbox signals new work or the poll interval passes, so it never spins.
/// </summary>
public sealed partial class ProcessingWorker(
    InboxQueue queue,
    EventProcessor processor,
    InboxSignal signal,
    IOptions<ProcessingOptions> options,
    TimeProvider time,
    ILogger<ProcessingWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expired = await queue.ExpireClaimsOfAPreviousRunAsync(time.GetUtcNow(), stoppingToken);
        if (expired > 0)
        {
            LogClaimsExpired(logger, expired);
        }

        var instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        var loops = new Task[Math.Max(1, options.Value.Concurrency)];
        for (var i = 0; i < loops.Length; i++)
        {
            var worker = $"{instance}/{i}";
            loops[i] = Task.Run(() => RunAsync(worker, stoppingToken), stoppingToken);
        }

        await Task.WhenAll(loops);
    }

    private async Task RunAsync(string worker, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var pollInterval = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds);
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (failures > 0)
                {
                    // The last try failed, perhaps between claiming and committing: what it claimed goes back first.
                    await queue.ReleaseHeldAsync(worker, time.GetUtcNow(), stoppingToken);
                }

                var claimed = await queue.ClaimAsync(worker, settings.BatchSize, time.GetUtcNow(), lease, stoppingToken);
                failures = 0;
                if (claimed.Count == 0)
                {
                    await signal.WaitAsync(pollInterval, time, stoppingToken);
                    continue;
                }

                if (claimed.Count == settings.BatchSize)
                {
                    // More may be waiting: let the other loops claim their share now rather than at their next poll.
                    signal.Notify();
                }

                // Finishing an event may release the next one of its key: this loop claims again at once, so it
                // takes that one itself, without waking another.
                await processor.ProcessAsync(claimed, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is DbException or IOException or TimeoutException)
            {
                // The database is unreachable: back off, exponentially, instead of spinning on it.
                failures++;
                var delay = FailureBackoff(failures);
                LogStorageUnavailable(logger, exception, worker, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A loop must never die quietly: its share of the work would stall unseen. Log it, wait, go on.
                failures++;
                var delay = FailureBackoff(failures);
                LogUnexpectedFailure(logger, exception, worker, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    private static TimeSpan FailureBackoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxFailureBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures - 1, 10))));

    [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "Took back {Count} events that a previous run of this gateway had claimed and never finished; they are processed again.")]
    private static partial void LogClaimsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 510, Level = LogLevel.Error, Message = "Worker {Worker} cannot reach the database; next try in {Delay}.")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string worker, TimeSpan delay);

    [LoggerMessage(EventId = 511, Level = LogLevel.Error, Message = "Worker {Worker} failed unexpectedly; next try in {Delay}.")]
    private static partial void LogUnexpectedFailure(ILogger logger, Exception exception, string worker, TimeSpan delay);
}

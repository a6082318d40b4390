using System.Text.Json;
using Hookgate.Alerts;
using Hookgate.Commerce;
using Hookgate.Sources;
using Hookgate.Storage;
using Hookgate.Telemetry;
using Microsoft.Extensions.Options;

namespace Hookgate.Processing;

/// <summary>
/// Processes one claimed event: translates it, and applies the changes and the new status in one transaction, so
/// the effect happens exactly once however often the event is delivered, retried or replayed.
/// </summary>
public sealed partial class EventProcessor(
    HookgateDatabase database,
    InboxQueue queue,
    CommerceStore commerce,
    SourceCatalog sources,
    DeadLetterAlerts alerts,
    HookgateMetrics metrics,
    IOptions<ProcessingOptions> options,
    TimeProvider time,
    ILogger<EventProcessor> logger)
{
    public async Task ProcessAsync(ClaimedEvent claim, CancellationToken cancellationToken)
    {
        var storedEvent = claim.Event;
        var startedAt = time.GetUtcNow();
        sources.TryGet(storedEvent.Source, out var source);

        AttemptOutcome outcome;
        IReadOnlyList<CommerceChange> changes = [];
        try
        {
            var translation = await TranslateAsync(source, storedEvent, cancellationToken);
            (outcome, changes) = translation switch
            {
                Translation.Changes applied => (Finished(EventStatus.Succeeded, null, startedAt), applied.Items),
                Translation.Ignored ignored => (Finished(EventStatus.Ignored, ignored.Reason, startedAt), []),
                _ => throw new InvalidOperationException($"Unknown translation {translation.GetType().Name}."),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await queue.ReleaseAsync(claim, time.GetUtcNow());
            throw;
        }
        catch (InvalidEventException exception)
        {
            outcome = Finished(EventStatus.DeadLettered, exception.Message, startedAt);
        }
        catch (JsonException exception)
        {
            outcome = Finished(EventStatus.DeadLettered, $"The body is not the JSON {storedEvent.Provider} documents: {exception.Message}", startedAt);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            outcome = Failed(source, claim, exception, startedAt);
        }

        await FinishAsync(claim, outcome, changes, source, cancellationToken);
    }

    private static async ValueTask<Translation> TranslateAsync(Source? source, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            throw new InvalidEventException($"Source '{storedEvent.Source}' is no longer configured.");
        }

        return source.Translator is null
            ? Translation.Ignore($"The {storedEvent.Provider} provider has no translation into the commerce domain.")
            : await source.Translator.TranslateAsync(storedEvent, cancellationToken);
    }

    private async Task FinishAsync(ClaimedEvent claim, AttemptOutcome outcome, IReadOnlyList<CommerceChange> changes, Source? source, CancellationToken cancellationToken)
    {
        try
        {
            await using var writer = await database.OpenForWriteAsync(cancellationToken);
            var connection = writer.Connection;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await commerce.ApplyAsync(connection, transaction, claim.Event.Source, changes, outcome.FinishedAt, cancellationToken);
            if (!await queue.FinishAsync(connection, transaction, claim, outcome, cancellationToken))
            {
                // Another worker holds the event now: our changes must not land beside its own.
                await transaction.RollbackAsync(cancellationToken);
                LogLeaseLost(logger, claim.Event.Id, claim.Worker);
                return;
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && outcome.Status != EventStatus.Failed && changes.Count > 0)
        {
            // Applying failed (the database refused or went away): that is a transient failure of this attempt.
            await FinishAsync(claim, Failed(source, claim, exception, outcome.StartedAt), [], source, cancellationToken);
            return;
        }

        metrics.RecordProcessed(claim.Event.Source, outcome.Status, outcome.Duration, outcome.FinishedAt - claim.Event.ReceivedAt);
        if (outcome.Status == EventStatus.DeadLettered)
        {
            alerts.Raise(claim.Event, outcome.Error!);
        }
        else if (outcome.Status == EventStatus.Failed)
        {
            LogRetrying(logger, claim.Event.Id, claim.Event.Source, claim.Attempt, outcome.NextAttemptAt!.Value, outcome.Error!);
        }
    }

    private AttemptOutcome Finished(string status, string? error, DateTimeOffset startedAt) => new(status, error, startedAt, time.GetUtcNow());

    private AttemptOutcome Failed(Source? source, ClaimedEvent claim, Exception exception, DateTimeOffset startedAt)
    {
        var error = $"{exception.GetType().Name}: {exception.Message}";
        var maxAttempts = source?.MaxAttempts ?? 1;
        if (claim.Attempt >= maxAttempts)
        {
            return Finished(EventStatus.DeadLettered, $"Gave up after {claim.Attempt} attempts. Last error: {error}", startedAt);
        }

        var settings = options.Value;
        var delay = Backoff.Delay(
            claim.Attempt,
            TimeSpan.FromSeconds(source?.RetryBaseSeconds ?? settings.RetryBaseSeconds),
            TimeSpan.FromSeconds(source?.RetryMaxSeconds ?? settings.RetryMaxSeconds),
            Random.Shared);
        var finishedAt = time.GetUtcNow();
        return new AttemptOutcome(EventStatus.Failed, error, startedAt, finishedAt, finishedAt + delay);
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Event {EventId} of source {Source} failed attempt {Attempt}; retrying at {NextAttemptAt:O}: {Error}")]
    private static partial void LogRetrying(ILogger logger, Guid eventId, string source, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Worker {Worker} lost its lease on event {EventId} before finishing; its result was discarded.")]
    private static partial void LogLeaseLost(ILogger logger, Guid eventId, string worker);
}

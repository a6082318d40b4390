using System.Text.Json;
using Hookgate.Alerts;
using Hookgate.Commerce;
using Hookgate.Sources;
using Hookgate.Storage;
using Hookgate.Telemetry;
using Microsoft.Extensions.Options;

namespace Hookgate.Processing;

/// <summary>
/// Processes a worker's claimed events: translates each, then applies every event's changes and new status in one
/// transaction, so the effect happens exactly once however often an event is delivered, retried or replayed, and
/// a batch costs one commit. The claim holds at most one event of each ordering key, so committing together
/// never reorders a key.
/// </summary>
public sealed partial class EventProcessor(
    HookgateDatabase database,
    InboxQueue queue,
    CommerceStore commerce,
    SourceCatalog sources,
    DeadLetterAlerts alerts,
    ProviderCircuits circuits,
    HookgateMetrics metrics,
    IOptions<ProcessingOptions> options,
    TimeProvider time,
    ILogger<EventProcessor> logger)
{
    public async Task ProcessAsync(IReadOnlyList<ClaimedEvent> claims, CancellationToken cancellationToken)
    {
        var attempts = new List<Attempt>(claims.Count);
        try
        {
            foreach (var claim in claims)
            {
                attempts.Add(await TranslateAsync(claim, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: nothing of this batch is committed, so every claim goes back as it was.
            foreach (var claim in claims)
            {
                await queue.ReleaseAsync(claim, time.GetUtcNow());
            }

            throw;
        }

        IReadOnlyList<Attempt> committed;
        try
        {
            committed = await CommitAsync(attempts, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && attempts.Count > 1)
        {
            // One event's changes broke the shared transaction: commit each alone, so only that one fails.
            LogBatchFallback(logger, exception, attempts.Count);
            foreach (var attempt in attempts)
            {
                await CommitAloneAsync(attempt, cancellationToken);
            }

            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && attempts[0].Changes.Count > 0)
        {
            await CommitAloneAsync(attempts[0] with { Outcome = Failed(attempts[0], exception), Changes = [] }, cancellationToken);
            return;
        }

        Report(committed);
    }

    private async Task<Attempt> TranslateAsync(ClaimedEvent claim, CancellationToken cancellationToken)
    {
        var storedEvent = claim.Event;
        var startedAt = time.GetUtcNow();
        sources.TryGet(storedEvent.Source, out var source);
        var attempt = new Attempt(claim, source, null!, []);
        try
        {
            var translation = source is null
                ? throw new InvalidEventException($"Source '{storedEvent.Source}' is no longer configured.")
                : source.Translator is null
                    ? Translation.Ignore($"The {storedEvent.Provider} provider has no translation into the commerce domain.")
                    : await CallTranslatorAsync(source, source.Translator, storedEvent, cancellationToken);
            return translation switch
            {
                Translation.Changes applied => attempt with { Outcome = Finished(EventStatus.Succeeded, null, startedAt), Changes = applied.Items },
                Translation.Ignored ignored => attempt with { Outcome = Finished(EventStatus.Ignored, ignored.Reason, startedAt) },
                _ => throw new InvalidOperationException($"Unknown translation {translation.GetType().Name}."),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (InvalidEventException exception)
        {
            return attempt with { Outcome = Finished(EventStatus.DeadLettered, exception.Message, startedAt) };
        }
        catch (JsonException exception)
        {
            // The path is in the message; the cause (bytes that are not UTF-8, a number beyond decimal) only in the
            // inner exception, unless that is the reader's own JsonException, whose text the message already repeats.
            var cause = exception.InnerException is { } inner and not JsonException ? " " + inner.Message : "";
            return attempt with { Outcome = Finished(EventStatus.DeadLettered, $"The body is not the JSON {storedEvent.Provider} documents: {exception.Message}{cause}", startedAt) };
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return attempt with { Outcome = Failed(attempt with { Outcome = Finished(EventStatus.Failed, null, startedAt) }, exception) };
        }
    }

    /// <summary>
    /// Translates unless the source's provider rests after a timeout (<see cref="ProviderCircuits"/>): then the event
    /// fails at once, to be retried with backoff, instead of holding this worker for another request timeout.
    /// </summary>
    private async ValueTask<Translation> CallTranslatorAsync(Source source, IEventTranslator translator, StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var call = circuits.Enter(source.Name);
        if (call == ProviderCall.Refused)
        {
            throw new TimeoutException($"Not called: the provider of source '{source.Name}' stopped answering and rests; one event at a time tries it again.");
        }

        try
        {
            var translation = await translator.TranslateAsync(storedEvent, cancellationToken);
            circuits.Answered(source.Name);
            return translation;
        }
        catch (TimeoutException)
        {
            if (circuits.TimedOut(source.Name, call, RetryBase(source), RetryMax(source)) is { } rest)
            {
                LogProviderResting(logger, source.Name, rest);
            }

            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            circuits.Abandoned(source.Name, call);
            throw;
        }
        catch
        {
            circuits.Answered(source.Name);
            throw;
        }
    }

    /// <summary>
    /// One round trip and the commit, whatever the batch size: every status (each checking its lease) and every
    /// effect together. Should a lease have been lost meanwhile (rare: the worker outlived it), the transaction is
    /// rolled back and the batch written again without that event. Returns the attempts committed.
    /// </summary>
    private async Task<IReadOnlyList<Attempt>> CommitAsync(IReadOnlyList<Attempt> attempts, CancellationToken cancellationToken)
    {
        await using var writer = await database.OpenForWriteAsync(cancellationToken, durable: false);
        var connection = writer.Connection;
        var held = attempts;
        while (held.Count > 0)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var statements = new List<Statement>(held.Count * 4);
            foreach (var attempt in held)
            {
                statements.Add(InboxQueue.FinishStatement(attempt.Claim, attempt.Outcome));
            }

            foreach (var (claim, _, outcome, changes) in held)
            {
                InboxQueue.AddRecordStatements(statements, claim, outcome);
                foreach (var change in changes)
                {
                    commerce.AddStatements(statements, claim.Event.Source, change, outcome.FinishedAt);
                }
            }

            var results = await StatementBatch.ScalarsAsync(connection, transaction, statements, cancellationToken);
            var stillHeld = new List<Attempt>(held.Count);
            for (var i = 0; i < held.Count; i++)
            {
                if (results[i] is null)
                {
                    // Another worker holds the event now: its changes are not ours to apply.
                    LogLeaseLost(logger, held[i].Claim.Event.Id, held[i].Claim.Worker);
                }
                else
                {
                    stillHeld.Add(held[i]);
                }
            }

            if (stillHeld.Count == held.Count)
            {
                await transaction.CommitAsync(cancellationToken);
                return held;
            }

            await transaction.RollbackAsync(cancellationToken);
            held = stillHeld;
        }

        return held;
    }

    private async Task CommitAloneAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        IReadOnlyList<Attempt> committed;
        try
        {
            committed = await CommitAsync([attempt], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && attempt.Changes.Count > 0)
        {
            // Applying failed (the database refused or went away): a transient failure of this attempt.
            committed = await CommitAsync([attempt with { Outcome = Failed(attempt, exception), Changes = [] }], cancellationToken);
        }

        Report(committed);
    }

    /// <summary>Metrics, alerts and retry logs for what was committed: an attempt discarded with a lost lease is the new holder's to report.</summary>
    private void Report(IReadOnlyList<Attempt> attempts)
    {
        foreach (var (claim, _, outcome, _) in attempts)
        {
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
    }

    private AttemptOutcome Finished(string status, string? error, DateTimeOffset startedAt) => new(status, error, startedAt, time.GetUtcNow());

    private AttemptOutcome Failed(Attempt attempt, Exception exception)
    {
        var (claim, source, previous, _) = attempt;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        var maxAttempts = source?.MaxAttempts ?? 1;
        if (claim.Attempt >= maxAttempts)
        {
            return Finished(EventStatus.DeadLettered, $"Gave up after {claim.Attempt} attempts. Last error: {error}", previous.StartedAt);
        }

        var delay = Backoff.Delay(claim.Attempt, RetryBase(source), RetryMax(source), Random.Shared);
        var finishedAt = time.GetUtcNow();
        return new AttemptOutcome(EventStatus.Failed, error, previous.StartedAt, finishedAt, finishedAt + delay);
    }

    private TimeSpan RetryBase(Source? source) => TimeSpan.FromSeconds(source?.RetryBaseSeconds ?? options.Value.RetryBaseSeconds);

    private TimeSpan RetryMax(Source? source) => TimeSpan.FromSeconds(source?.RetryMaxSeconds ?? options.Value.RetryMaxSeconds);

    /// <summary>One claimed event, translated: what to write for it.</summary>
    private sealed record Attempt(ClaimedEvent Claim, Source? Source, AttemptOutcome Outcome, IReadOnlyList<CommerceChange> Changes);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Event {EventId} of source {Source} failed attempt {Attempt}; retrying at {NextAttemptAt:O}: {Error}")]
    private static partial void LogRetrying(ILogger logger, Guid eventId, string source, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Worker {Worker} lost its lease on event {EventId} before finishing; its result was discarded.")]
    private static partial void LogLeaseLost(ILogger logger, Guid eventId, string worker);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "The provider of source {Source} did not answer in time; its events fail without calling it for {Rest}, then one tries it again.")]
    private static partial void LogProviderResting(ILogger logger, string source, TimeSpan rest);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Committing a batch of {Count} events failed; committing them one by one.")]
    private static partial void LogBatchFallback(ILogger logger, Exception exception, int count);
}

using System.Threading.Channels;
using Hookgate.Telemetry;
using Microsoft.Extensions.Options;

namespace Hookgate.Inbox;

/// <summary>
/// Group commit: concurrent requests queue their events here, one loop writes whatever has gathered in a single
/// transaction, and each request is answered only after that transaction committed. Under load a commit carries
/// many events; when idle it carries one, with no added wait.
/// </summary>
public sealed class InboxWriter(
    InboxStore store,
    InboxSignal signal,
    HookgateMetrics metrics,
    StorageFailureLog failures,
    IOptions<InboxOptions> options) : BackgroundService
{
    private readonly Channel<PendingAppend> queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes once the event is durable (or was already); throws <see cref="StorageUnavailableException"/> otherwise.</summary>
    public async Task<AppendResult> AppendAsync(NewInboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        if (options.Value.Commit == InboxCommit.PerRequest)
        {
            return await AppendAloneAsync(inboxEvent);
        }

        var pending = new PendingAppend(inboxEvent);
        try
        {
            if (!queue.Writer.TryWrite(pending))
            {
                await queue.Writer.WriteAsync(pending, cancellationToken);
            }
        }
        catch (ChannelClosedException exception)
        {
            throw new StorageUnavailableException("The inbox writer is shutting down.", exception);
        }

        return await pending.Completion.Task;
    }

    private async Task<AppendResult> AppendAloneAsync(NewInboxEvent inboxEvent)
    {
        try
        {
            var result = (await store.AppendAsync([inboxEvent], CancellationToken.None))[0];
            failures.Succeeded();
            signal.Notify();
            return result;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            failures.Failed(exception, 1);
            throw new StorageUnavailableException("The event could not be stored.", exception);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new events but write every one already queued: each of them has a request waiting for its ack.
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var maxBatch = options.Value.MaxBatchSize;
        var batch = new List<PendingAppend>(maxBatch);
        var events = new List<NewInboxEvent>(maxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.Add(pending.Event);
            }

            await CommitAsync(batch, events);
            batch.Clear();
            events.Clear();
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch, List<NewInboxEvent> events)
    {
        var started = TimeProvider.System.GetTimestamp();
        foreach (var pending in batch)
        {
            metrics.RecordQueueWait(TimeProvider.System.GetElapsedTime(pending.QueuedAt, started));
        }

        try
        {
            var results = await store.AppendAsync(events, CancellationToken.None);
            metrics.RecordCommit(events.Count, TimeProvider.System.GetElapsedTime(started));
            failures.Succeeded();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }

            signal.Notify();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            failures.Failed(exception, batch.Count);
            var failure = new StorageUnavailableException("The event could not be stored.", exception);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(failure);
            }
        }
    }

    private sealed class PendingAppend(NewInboxEvent inboxEvent)
    {
        public NewInboxEvent Event { get; } = inboxEvent;

        public long QueuedAt { get; } = TimeProvider.System.GetTimestamp();

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System.Threading.Channels;

namespace Hookgate.Inbox;

/// <summary>
/// Tells in-process workers that there may be work: events were committed, replayed, or arrived at another instance.
/// A notification wakes one waiting worker, not all: woken together, every loop but one claimed nothing, and at
/// 1,000 events/s three claims in five found nothing (docs/benchmarks.md). A worker that claims a full batch notifies
/// again, so a backlog still fans out to every loop. A notification while no worker waits is kept (one, however
/// many arrive) for the next worker to wait, so one between a worker's look and its wait is never lost.
/// </summary>
public sealed class InboxSignal
{
    private readonly Channel<bool> wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => wakes.Writer.TryWrite(true);

    /// <summary>Waits for a notification, at most <paramref name="timeout"/>; returns whether one came.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (wakes.Reader.TryRead(out _))
        {
            return true;
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            return await wakes.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

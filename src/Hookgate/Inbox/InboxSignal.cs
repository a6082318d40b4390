namespace Hookgate.Inbox;

/// <summary>
/// Tells in-process workers that new events were committed, so they wake within microseconds rather than at
/// their next poll. Several signals before a wait collapse into one wake-up.
/// </summary>
public sealed class InboxSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer signalled between the check and the release: one pending wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        semaphore.WaitAsync(timeout, cancellationToken);
}

namespace Hookgate.Inbox;

/// <summary>
/// Tells in-process workers that there may be work: events were committed, replayed, or a predecessor finished.
/// Every worker waiting on the current pulse wakes; a worker takes the pulse <em>before</em> it looks for work, so
/// a notification between its look and its wait is never lost.
/// </summary>
public sealed class InboxSignal
{
    private TaskCompletionSource pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task NextPulse => Volatile.Read(ref pulse).Task;

    public void Notify() =>
        Interlocked.Exchange(ref pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

using Hookgate.Inbox;

namespace Hookgate.Tests.Inbox;

public sealed class InboxSignalTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Keeps_a_notification_that_came_while_no_worker_waited_for_the_next_one_to_wait()
    {
        var signal = new InboxSignal();

        signal.Notify();

        Assert.True(await signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Counts_many_notifications_while_no_worker_waited_as_one()
    {
        var signal = new InboxSignal();

        signal.Notify();
        signal.Notify();
        signal.Notify();

        Assert.True(await signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task Wakes_one_waiting_worker_per_notification()
    {
        var signal = new InboxSignal();
        var first = signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None);
        var second = signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None);

        signal.Notify();
        var woken = await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);

        Assert.True(await woken);
        var other = woken == first ? second : first;
        Assert.False(other.IsCompleted, "A single notification woke both workers.");

        signal.Notify();
        Assert.True(await other.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Gives_up_waiting_after_the_timeout_and_keeps_nothing_for_later()
    {
        var signal = new InboxSignal();

        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None));

        // The timed-out wait took nothing with it: a wait abandoned rather than cancelled (a read left pending on the
        // channel) would swallow this notification, and the next waiter would time out.
        signal.Notify();
        Assert.True(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task Stops_waiting_when_the_worker_stops()
    {
        var signal = new InboxSignal();
        using var stopping = new CancellationTokenSource();
        var wait = signal.WaitAsync(Long, TimeProvider.System, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

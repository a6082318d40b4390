using Hookgate.Inbox;
using Hookgate.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Hookgate.Tests.Inbox;

public sealed class StorageFailureLogTests : IDisposable
{
    /// <summary>How the frame that threw appears in a logged stack trace.</summary>
    private const string ThrowingFrame = $"{nameof(StorageFailureLogTests)}.{nameof(Fail)}(";

    private readonly ManualTime time = new();
    private readonly CapturedLogs logs = new();
    private readonly ILoggerFactory factory;
    private readonly StorageFailureLog log;

    public StorageFailureLogTests()
    {
        factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        log = new StorageFailureLog(time, factory.CreateLogger<StorageFailureLog>());
    }

    public void Dispose() => factory.Dispose();

    [Fact]
    public void An_outage_logs_its_first_failure_with_the_stack_then_only_counts_until_the_summary_is_due()
    {
        log.Failed(Fail("connection refused"), events: 12);
        for (var i = 0; i < 500; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            log.Failed(Fail("connection refused"), events: 3);
        }

        var first = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Error, first.Level);
        Assert.Contains("batch of 12 events", first.Text, StringComparison.Ordinal);
        Assert.Contains(ThrowingFrame, first.Text, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(5));
        log.Failed(Fail("database is starting up"), events: 1);

        Assert.Equal(2, logs.Entries.Count);
        var summary = logs.Entries.Last();
        Assert.Equal(LogLevel.Error, summary.Level);
        Assert.Contains("501 more batches refused", summary.Text, StringComparison.Ordinal);
        Assert.Contains("database is starting up", summary.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingFrame, summary.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Recovery_is_logged_once_with_the_outage_length_and_a_later_outage_logs_its_stack_again()
    {
        log.Failed(Fail("connection refused"), events: 1);
        time.Advance(TimeSpan.FromSeconds(3));
        log.Failed(Fail("connection refused"), events: 1);
        log.Succeeded();
        log.Succeeded();

        Assert.Equal(2, logs.Entries.Count);
        var recovered = logs.Entries.Last();
        Assert.Equal(LogLevel.Warning, recovered.Level);
        Assert.Contains("after 00:00:03 and 2 refused batches", recovered.Text, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(10));
        log.Failed(Fail("connection reset"), events: 4);

        Assert.Equal(3, logs.Entries.Count);
        Assert.Contains(ThrowingFrame, logs.Entries.Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_that_comes_and_goes_gets_one_stack_trace_per_interval()
    {
        for (var i = 0; i < 20; i++)
        {
            log.Failed(Fail("connection refused"), events: 1);
            time.Advance(TimeSpan.FromMilliseconds(200));
            log.Succeeded();
            time.Advance(TimeSpan.FromMilliseconds(200));
        }

        Assert.Single(logs.Entries, entry => entry.Text.Contains(ThrowingFrame, StringComparison.Ordinal));
        Assert.Equal(20, logs.Entries.Count(entry => entry.Text.Contains("connection refused", StringComparison.Ordinal)));

        time.Advance(TimeSpan.FromSeconds(10));
        log.Failed(Fail("connection refused"), events: 1);

        Assert.Equal(2, logs.Entries.Count(entry => entry.Text.Contains(ThrowingFrame, StringComparison.Ordinal)));
    }

    [Fact]
    public void Commits_that_never_failed_log_nothing()
    {
        log.Succeeded();

        Assert.Empty(logs.Entries);
    }

    private static InvalidOperationException Fail(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }
}

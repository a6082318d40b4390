using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hookgate.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps everything logged to it: the formatted message, every structured value and any
/// exception with its stack, as a log sink would receive them.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyCollection<CapturedLog> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : "";
            entries.Enqueue(new CapturedLog(category, logLevel, $"{formatter(state, exception)} {values} {exception}"));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Text);

using System.Net.Http.Json;
using System.Threading.Channels;
using Hookgate.Processing;
using Hookgate.Telemetry;
using Microsoft.Extensions.Options;

namespace Hookgate.Alerts;

/// <summary>
/// A dead letter is never silent: it is logged as critical, counted, and, when configured, posted to an alert
/// webhook. Posting happens in the background so a slow alert endpoint never holds a worker.
/// </summary>
public sealed partial class DeadLetterAlerts(
    IHttpClientFactory httpClientFactory,
    HookgateMetrics metrics,
    IOptions<AlertOptions> options,
    ILogger<DeadLetterAlerts> logger) : BackgroundService
{
    private readonly Channel<DeadLetterAlert> pending = Channel.CreateBounded<DeadLetterAlert>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Raise(StoredEvent deadLetter, string reason)
    {
        LogDeadLettered(logger, deadLetter.Id, deadLetter.Source, deadLetter.EventType, reason);
        metrics.RecordDeadLetter(deadLetter.Source);
        if (options.Value.WebhookUrl is not null)
        {
            pending.Writer.TryWrite(new DeadLetterAlert("dead_letter", deadLetter.Id, deadLetter.Source, deadLetter.EventType, reason));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var client = httpClientFactory.CreateClient(nameof(DeadLetterAlerts));
                client.Timeout = TimeSpan.FromSeconds(10);
                using var response = await client.PostAsJsonAsync(options.Value.WebhookUrl, alert, stoppingToken);
                response.EnsureSuccessStatusCode();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogAlertFailed(logger, exception, alert.EventId);
            }
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Critical, Message = "Event {EventId} of source {Source} ({EventType}) was dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, Guid eventId, string source, string eventType, string reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Posting the alert for dead letter {EventId} failed.")]
    private static partial void LogAlertFailed(ILogger logger, Exception exception, Guid eventId);

    /// <summary>The JSON posted to the alert webhook.</summary>
    public sealed record DeadLetterAlert(string Kind, Guid EventId, string Source, string EventType, string Reason);
}

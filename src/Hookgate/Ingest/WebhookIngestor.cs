using Hookgate.Inbox;
using Hookgate.Providers;
using Hookgate.Sources;
using Hookgate.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Hookgate.Ingest;

/// <summary>
/// Receives one delivery: finds its source, limits its rate and size, verifies it on the raw bytes, and stores it
/// durably (deduplicated) before anything is acknowledged.
/// </summary>
public sealed partial class WebhookIngestor(
    SourceCatalog sources,
    InboxWriter writer,
    HookgateMetrics metrics,
    TimeProvider time,
    ILogger<WebhookIngestor> logger)
{
    /// <summary>
    /// Receives one delivery. With <paramref name="store"/> false it stops after verification and identification:
    /// the benchmark's ceiling, everything ingest does but the database.
    /// </summary>
    public async Task<IngestOutcome> ReceiveAsync(string sourceName, HttpContext context, bool store = true)
    {
        var started = time.GetTimestamp();
        if (!sources.TryGet(sourceName, out var source))
        {
            return Reject("unknown", IngestStatus.UnknownSource, $"No source named '{sourceName}' is configured.");
        }

        if (!source.TryAcquirePermit(out var retryAfter))
        {
            return Reject(source.Name, IngestStatus.RateLimited, $"Source '{source.Name}' is over its rate limit.", retryAfter);
        }

        // A chunked body has no end announced: Kestrel is held to the source's limit, so one that goes on is cut off
        // there rather than read and discarded up to the server-wide limit after the 413. A declared length over the
        // limit is left to Kestrel to discard (it is bounded by that limit), so that the sender reads its 413.
        if (context.Request.ContentLength is null
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = source.MaxBodyBytes;
        }

        byte[]? body;
        try
        {
            body = await RequestBody.ReadAsync(context.Request, source.MaxBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return Reject(source.Name, IngestStatus.TooSlow, "The request body arrived slower than the minimum data rate.");
        }
        catch (Exception exception) when (exception is BadHttpRequestException or IOException or EndOfStreamException)
        {
            return Reject(source.Name, IngestStatus.BadRequest, "The request body could not be read to its end.");
        }

        if (body is null)
        {
            return Reject(source.Name, IngestStatus.TooLarge, $"The body exceeds the {source.MaxBodyBytes} bytes source '{source.Name}' accepts.");
        }

        var inboxEvent = Accept(source, body, context, out var failure);
        if (inboxEvent is null)
        {
            return Reject(source.Name, IngestStatus.Unauthorized, failure!);
        }

        if (!store)
        {
            return IngestOutcome.Received(inboxEvent.Id);
        }

        AppendResult result;
        try
        {
            result = await writer.AppendAsync(inboxEvent, CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
            return Reject(source.Name, IngestStatus.StorageUnavailable, "The event could not be stored durably; retry later.", TimeSpan.FromSeconds(5));
        }

        metrics.RecordReceived(source.Name, result.IsDuplicate, time.GetElapsedTime(started));
        return result.IsDuplicate ? IngestOutcome.Duplicate(result.EventId) : IngestOutcome.Received(result.EventId);
    }

    /// <summary>Verifies and identifies the delivery; null (with the reason) when it is not authentic.</summary>
    private NewInboxEvent? Accept(Source source, byte[] body, HttpContext context, out string? failure)
    {
        var receivedAt = time.GetUtcNow();
        var remoteAddress = context.Connection.RemoteIpAddress;
        var request = new WebhookRequest(body, context.Request.Headers, remoteAddress, receivedAt);

        var verification = source.Receiver.Verify(request);
        if (!verification.IsValid)
        {
            failure = verification.Failure ?? "The request could not be verified.";
            return null;
        }

        failure = null;
        var identity = StorableIdentity.Of(source.Receiver.Identify(request));
        return new NewInboxEvent(
            Id: Guid.CreateVersion7(receivedAt),
            Source: source.Name,
            Provider: source.Provider,
            EventType: identity.EventType,
            ProviderEventId: identity.ProviderEventId,
            DedupKey: identity.DedupKey,
            OrderingKey: identity.OrderingKey ?? source.Name,
            ReceivedAt: receivedAt,
            ContentType: context.Request.ContentType,
            RemoteAddress: remoteAddress?.ToString(),
            Headers: HeaderJson.Write(context.Request.Headers, source.Receiver.CredentialHeaders),
            Body: body);
    }

    /// <summary>Counts and logs a refusal: the source and the reason, never the body or a secret.</summary>
    private IngestOutcome Reject(string source, IngestStatus status, string detail, TimeSpan? retryAfter = null)
    {
        metrics.RecordRejected(source, status);
        LogRejected(logger, source, status, detail);
        return new IngestOutcome(status, Detail: detail, RetryAfter: retryAfter);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Rejected a delivery to source {Source} ({Status}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string source, IngestStatus status, string reason);
}

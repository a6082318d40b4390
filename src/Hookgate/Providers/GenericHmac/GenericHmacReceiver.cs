using Hookgate.Verification;

namespace Hookgate.Providers.GenericHmac;

/// <summary>
/// Identity comes from the configured headers where the sender has them, else from the body's usual fields.
/// Nothing says what orders a generic sender's events, so they are processed in arrival order per source.
/// </summary>
public sealed class GenericHmacReceiver(GenericHmacSignature signature, string? idHeader, string? eventTypeHeader) : IWebhookReceiver
{
    public VerificationResult Verify(in WebhookRequest request) => signature.Verify(request);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var id = idHeader is null ? null : request.Header(idHeader);
        var eventType = (eventTypeHeader is null ? null : request.Header(eventTypeHeader))
            ?? JsonProbe.Read(request.Body, "type")
            ?? JsonProbe.Read(request.Body, "event")
            ?? "unknown";
        return new EventIdentity(
            EventType: eventType,
            DedupKey: id ?? BodyHash.DedupKey(request.Body),
            OrderingKey: null,
            ProviderEventId: id);
    }
}

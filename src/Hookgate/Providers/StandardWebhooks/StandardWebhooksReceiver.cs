using Hookgate.Verification;

namespace Hookgate.Providers.StandardWebhooks;

/// <summary>The message id is the dedup key; the spec promises no ordering, so events share the source's queue.</summary>
public sealed class StandardWebhooksReceiver(StandardWebhooksSignature signature) : IWebhookReceiver
{
    public VerificationResult Verify(in WebhookRequest request) => signature.Verify(request);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var id = request.Header(StandardWebhooksSignature.IdHeader) ?? request.Header(StandardWebhooksSignature.SvixIdHeader);
        return new EventIdentity(
            EventType: JsonProbe.Read(request.Body, "type") ?? "unknown",
            DedupKey: id ?? BodyHash.DedupKey(request.Body),
            OrderingKey: null,
            ProviderEventId: id);
    }
}

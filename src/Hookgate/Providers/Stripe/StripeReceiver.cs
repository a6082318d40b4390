using Hookgate.Verification;

namespace Hookgate.Providers.Stripe;

/// <summary>Stripe events carry their id and type in the body; the object they describe orders them.</summary>
public sealed class StripeReceiver(StripeSignature signature) : IWebhookReceiver
{
    public VerificationResult Verify(in WebhookRequest request) =>
        signature.Verify(request.Header(StripeSignature.Header), request.Body, request.ReceivedAt);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var id = JsonProbe.Read(request.Body, "id");
        return new EventIdentity(
            EventType: JsonProbe.Read(request.Body, "type") ?? "unknown",
            DedupKey: id ?? BodyHash.DedupKey(request.Body),
            OrderingKey: JsonProbe.Read(request.Body, "data.object.id"),
            ProviderEventId: id);
    }
}

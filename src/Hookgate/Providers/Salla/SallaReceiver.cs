using Hookgate.Verification;

namespace Hookgate.Providers.Salla;

/// <summary>
/// Salla's envelope has no event id, so the body's hash is the dedup key. Events about one resource
/// (an order, a product) of one merchant are ordered together.
/// </summary>
public sealed class SallaReceiver(SallaSignature signature) : IWebhookReceiver
{
    public VerificationResult Verify(in WebhookRequest request) => signature.Verify(request);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var eventType = JsonProbe.Read(request.Body, "event") ?? "unknown";
        var dataId = JsonProbe.Read(request.Body, "data.id");
        var dot = eventType.IndexOf('.');
        var family = dot < 0 ? eventType : eventType[..dot];
        return new EventIdentity(
            EventType: eventType,
            DedupKey: BodyHash.DedupKey(request.Body),
            OrderingKey: dataId is null ? null : $"{JsonProbe.Read(request.Body, "merchant")}:{family}:{dataId}",
            ProviderEventId: null);
    }

    public IReadOnlyList<string> CredentialHeaders { get; } =
        signature.Strategy == SallaStrategy.Token ? [SallaSignature.AuthorizationHeader] : [];
}

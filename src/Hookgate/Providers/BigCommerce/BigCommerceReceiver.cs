using Hookgate.Verification;

namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// BigCommerce payloads carry ids only (<c>scope</c>, <c>data.type</c>, <c>data.id</c>) and a <c>hash</c> that
/// identifies the payload; the resource is fetched later. Events about one resource of one store are ordered together.
/// </summary>
public sealed class BigCommerceReceiver(BigCommerceCredentials credentials, IReadOnlyList<string> credentialHeaders) : IWebhookReceiver
{
    public IReadOnlyList<string> CredentialHeaders => credentialHeaders;

    public VerificationResult Verify(in WebhookRequest request) => credentials.Verify(request);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var scope = JsonProbe.Read(request.Body, "scope") ?? "unknown";
        var hash = JsonProbe.Read(request.Body, "hash");
        var resourceId = JsonProbe.Read(request.Body, "data.id");
        return new EventIdentity(
            EventType: scope,
            DedupKey: hash is null ? BodyHash.DedupKey(request.Body) : $"{scope}:{hash}",
            OrderingKey: resourceId is null
                ? null
                : $"{JsonProbe.Read(request.Body, "producer")}:{JsonProbe.Read(request.Body, "data.type")}:{resourceId}",
            ProviderEventId: hash);
    }
}

using Hookgate.Verification;

namespace Hookgate.Providers.Shopify;

/// <summary>
/// Shopify describes the delivery in headers. The webhook id is per delivery (the dedup key); the event id is shared by
/// every subscription that receives the same event. Events about one resource of one shop are ordered together.
/// </summary>
public sealed class ShopifyReceiver(ShopifySignature signature) : IWebhookReceiver
{
    public const string TopicHeader = "X-Shopify-Topic";
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string EventIdHeader = "X-Shopify-Event-Id";

    public VerificationResult Verify(in WebhookRequest request) =>
        signature.Verify(request.Header(ShopifySignature.Header), request.Body);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var topic = request.Header(TopicHeader) ?? "unknown";
        var webhookId = request.Header(WebhookIdHeader);
        var resourceId = JsonProbe.Read(request.Body, "id");
        var slash = topic.IndexOf('/');
        var resource = slash < 0 ? topic : topic[..slash];
        return new EventIdentity(
            EventType: topic,
            DedupKey: webhookId ?? BodyHash.DedupKey(request.Body),
            OrderingKey: resourceId is null ? null : $"{request.Header(ShopDomainHeader)}:{resource}:{resourceId}",
            ProviderEventId: request.Header(EventIdHeader) ?? webhookId);
    }
}

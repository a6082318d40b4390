using Hookgate.Verification;

namespace Hookgate.Providers.GitHub;

/// <summary>
/// GitHub names the event in a header and its action in the body; the delivery id is the dedup key and stays the
/// same when a delivery is redelivered by hand. Events of one repository are ordered together.
/// </summary>
public sealed class GitHubReceiver(GitHubSignature signature) : IWebhookReceiver
{
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    public VerificationResult Verify(in WebhookRequest request) =>
        signature.Verify(request.Header(GitHubSignature.Header), request.Body);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var eventName = request.Header(EventHeader) ?? "unknown";
        var action = JsonProbe.Read(request.Body, "action");
        var delivery = request.Header(DeliveryHeader);
        return new EventIdentity(
            EventType: action is null ? eventName : $"{eventName}.{action}",
            DedupKey: delivery ?? BodyHash.DedupKey(request.Body),
            OrderingKey: JsonProbe.Read(request.Body, "repository.id"),
            ProviderEventId: delivery);
    }
}

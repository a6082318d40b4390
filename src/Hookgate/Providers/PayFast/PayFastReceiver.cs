using Hookgate.Verification;

namespace Hookgate.Providers.PayFast;

/// <summary>
/// One ITN per payment status change: <c>pf_payment_id</c> with <c>payment_status</c> identifies it, and the
/// merchant's own <c>m_payment_id</c> (the order) keeps a payment's notifications in order.
/// </summary>
public sealed class PayFastReceiver(PayFastSignature signature) : IWebhookReceiver
{
    public VerificationResult Verify(in WebhookRequest request) => signature.Verify(request);

    public EventIdentity Identify(in WebhookRequest request)
    {
        var paymentId = PayFastForm.Read(request.Body, "pf_payment_id");
        var status = PayFastForm.Read(request.Body, "payment_status");
        return new EventIdentity(
            EventType: status is null ? "unknown" : "payment." + status.ToLowerInvariant(),
            DedupKey: paymentId is null || status is null ? BodyHash.DedupKey(request.Body) : $"{paymentId}:{status}",
            OrderingKey: PayFastForm.Read(request.Body, "m_payment_id") ?? paymentId,
            ProviderEventId: paymentId);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hookgate.Commerce;
using Hookgate.Processing;

namespace Hookgate.Providers.Stripe;

/// <summary>
/// Stripe's payment events as our payments (and, from Checkout, the customer who paid). The event's <c>created</c>
/// is the state's time: Stripe does not order deliveries, and the object carries no update time of its own.
/// </summary>
public sealed class StripeTranslator : IEventTranslator
{
    // Stripe reports partial refunds but our status words stop at refunded: kept distinct so a partial refund
    // is never read as money fully returned.
    internal const string PartiallyRefunded = "partially_refunded";

    // Merchants link a payment to their order through metadata; Stripe has no order of its own.
    private const string OrderIdKey = "order_id";

    public ValueTask<Translation> TranslateAsync(StoredEvent storedEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Translate(storedEvent.Body));

    private static Translation Translate(byte[] body)
    {
        var header = JsonSerializer.Deserialize(body, StripeJsonContext.Default.StripeEventHeader)
            ?? throw InvalidEventException.Expected("$", "an event object", "null");
        var type = Text(header.Type, "type");
        return type switch
        {
            "payment_intent.succeeded" => TranslatePaymentIntent(body, CommerceStatus.Succeeded),
            "payment_intent.payment_failed" => TranslatePaymentIntent(body, CommerceStatus.Failed),
            "charge.refunded" => TranslateChargeRefunded(body),
            "checkout.session.completed" => TranslateCheckoutSessionCompleted(body),
            _ => Translation.Ignore($"Stripe event type '{type}' has no meaning in the commerce domain."),
        };
    }

    private static Translation TranslatePaymentIntent(byte[] body, string status)
    {
        var (intent, created) = Read(body, StripeJsonContext.Default.PaymentIntentEvent);
        var currency = StripeAmount.Currency(intent.Currency, "data.object.currency");
        // amount_received is what actually moved; a failed attempt received nothing, so it reports what was asked.
        var minorUnits = status == CommerceStatus.Succeeded && intent.AmountReceived is { } received
            ? received
            : Required(intent.Amount, "data.object.amount");
        return Translation.Apply(new Payment(
            ExternalId: Text(intent.Id, "data.object.id"),
            SourceUpdatedAt: created,
            OrderExternalId: OrderId(intent.Metadata),
            Amount: StripeAmount.ToMajorUnits(minorUnits, currency),
            Currency: currency,
            Status: status));
    }

    private static Translation TranslateChargeRefunded(byte[] body)
    {
        var (charge, created) = Read(body, StripeJsonContext.Default.ChargeEvent);
        var currency = StripeAmount.Currency(charge.Currency, "data.object.currency");
        var amount = Required(charge.Amount, "data.object.amount");
        var refunded = Required(charge.AmountRefunded, "data.object.amount_refunded");
        // Keyed by the payment intent so the refund lands on the payment that payment_intent.succeeded created.
        var externalId = string.IsNullOrEmpty(charge.PaymentIntent) ? Text(charge.Id, "data.object.id") : charge.PaymentIntent;
        return Translation.Apply(new Payment(
            ExternalId: externalId,
            SourceUpdatedAt: created,
            OrderExternalId: OrderId(charge.Metadata),
            Amount: StripeAmount.ToMajorUnits(amount, currency),
            Currency: currency,
            Status: refunded == amount ? CommerceStatus.Refunded : PartiallyRefunded));
    }

    private static Translation TranslateCheckoutSessionCompleted(byte[] body)
    {
        var (session, created) = Read(body, StripeJsonContext.Default.CheckoutSessionEvent);
        var sessionId = Text(session.Id, "data.object.id");
        var changes = new List<CommerceChange>(2);
        if (session.CustomerDetails is { Email: { Length: > 0 } email } details)
        {
            changes.Add(new Customer(NullIfEmpty(session.Customer) ?? email, created, details.Name, email, details.Phone));
        }

        // A setup-mode session saves a payment method and moves no money: its amount and currency are null.
        if (session.Mode != "setup")
        {
            var currency = StripeAmount.Currency(session.Currency, "data.object.currency");
            var paymentStatus = Text(session.PaymentStatus, "data.object.payment_status");
            changes.Add(new Payment(
                ExternalId: NullIfEmpty(session.PaymentIntent) ?? sessionId,
                SourceUpdatedAt: created,
                OrderExternalId: OrderId(session.Metadata),
                Amount: StripeAmount.ToMajorUnits(Required(session.AmountTotal, "data.object.amount_total"), currency),
                Currency: currency,
                Status: paymentStatus == "paid" ? CommerceStatus.Succeeded : paymentStatus));
        }

        return changes.Count == 0
            ? Translation.Ignore($"Checkout session '{sessionId}' set up a payment method for no known customer.")
            : Translation.Apply([.. changes]);
    }

    private static (TObject Object, DateTimeOffset Created) Read<TObject>(byte[] body, JsonTypeInfo<StripeEvent<TObject>> typeInfo)
        where TObject : class
    {
        var stripeEvent = JsonSerializer.Deserialize(body, typeInfo)
            ?? throw InvalidEventException.Expected("$", "an event object", "null");
        var created = UnixTime.FromSeconds(Required(stripeEvent.Created, "created"), "created");
        return (stripeEvent.Data?.Object ?? throw InvalidEventException.Missing("data.object"), created);
    }

    private static string? OrderId(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(OrderIdKey, out var orderId) && !string.IsNullOrEmpty(orderId) ? orderId : null;

    private static string Text(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw InvalidEventException.Missing(field) : value;

    private static long Required(long? value, string field) => value ?? throw InvalidEventException.Missing(field);

    // Stripe sends null for an unset reference; "" would be a key every such row shares.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

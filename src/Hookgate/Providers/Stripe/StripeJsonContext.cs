using System.Text.Json.Serialization;

namespace Hookgate.Providers.Stripe;

// AllowDuplicateProperties = false: a key sent twice is refused (the event is dead-lettered naming it) rather than read
// last-wins, since the identity ingest reads (JsonProbe) takes the first and the two must never disagree.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(StripeEventHeader))]
[JsonSerializable(typeof(StripeEvent<StripePaymentIntent>), TypeInfoPropertyName = "PaymentIntentEvent")]
[JsonSerializable(typeof(StripeEvent<StripeCharge>), TypeInfoPropertyName = "ChargeEvent")]
[JsonSerializable(typeof(StripeEvent<StripeCheckoutSession>), TypeInfoPropertyName = "CheckoutSessionEvent")]
internal sealed partial class StripeJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Hookgate.Providers.Stripe;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(StripeEventHeader))]
[JsonSerializable(typeof(StripeEvent<StripePaymentIntent>), TypeInfoPropertyName = "PaymentIntentEvent")]
[JsonSerializable(typeof(StripeEvent<StripeCharge>), TypeInfoPropertyName = "ChargeEvent")]
[JsonSerializable(typeof(StripeEvent<StripeCheckoutSession>), TypeInfoPropertyName = "CheckoutSessionEvent")]
internal sealed partial class StripeJsonContext : JsonSerializerContext;

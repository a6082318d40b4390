namespace Hookgate.Providers.Stripe;

// Stripe's JSON as documented (Event, PaymentIntent, Charge, Checkout Session), cut down to the fields we map.
// Everything is nullable so that a missing field is reported by name from the translator, not as a vague
// deserialisation failure; unknown fields are skipped.

/// <summary>Just enough of the envelope to decide whether the event means anything before reading its object.</summary>
internal sealed record StripeEventHeader(string? Type, long? Created);

/// <summary>The envelope read again with its object typed, so a wrong type is reported at <c>$.data.object.&lt;field&gt;</c>.</summary>
internal sealed record StripeEvent<TObject>(string? Type, long? Created, StripeEventData<TObject>? Data)
    where TObject : class;

internal sealed record StripeEventData<TObject>(TObject? Object)
    where TObject : class;

internal sealed record StripePaymentIntent(
    string? Id,
    long? Amount,
    long? AmountReceived,
    string? Currency,
    Dictionary<string, string>? Metadata);

internal sealed record StripeCharge(
    string? Id,
    long? Amount,
    long? AmountRefunded,
    string? Currency,
    string? PaymentIntent,
    Dictionary<string, string>? Metadata);

internal sealed record StripeCheckoutSession(
    string? Id,
    string? Mode,
    long? AmountTotal,
    string? Currency,
    string? Customer,
    StripeCustomerDetails? CustomerDetails,
    string? PaymentIntent,
    string? PaymentStatus,
    Dictionary<string, string>? Metadata);

internal sealed record StripeCustomerDetails(string? Email, string? Name, string? Phone);

using System.Text.Json.Serialization;

namespace Hookgate.Providers.Salla;

// Salla's webhook bodies, modelled only as far as the translator reads them (docs.salla.dev, "Store Events").
// Every other field is ignored, so Salla adding fields never breaks us; a field we read changing type does.

/// <summary>
/// <c>{event, merchant, created_at, data}</c>. The event name is read before choosing <typeparamref name="TData"/>,
/// so it is not repeated here.
/// </summary>
internal sealed record SallaEnvelope<TData>(
    [property: JsonConverter(typeof(SallaTextConverter))] string? Merchant,
    string? CreatedAt,
    TData? Data)
    where TData : class;

/// <summary>The order model shared by the order events (all but <c>order.status.updated</c> and <c>order.deleted</c>).</summary>
internal sealed record SallaOrder(
    [property: JsonConverter(typeof(SallaTextConverter))] string? Id,
    [property: JsonConverter(typeof(SallaTextConverter))] string? ReferenceId,
    SallaDate? Date,
    SallaOrderStatus? Status,
    string? Currency,
    SallaOrderAmounts? Amounts,
    SallaCustomer? Customer,
    IReadOnlyList<SallaOrderItem?>? Items);

/// <summary>
/// <c>order.status.updated</c> has its own model: <c>data</c> is the status-history entry (its <c>id</c> is not the
/// order's, its <c>status</c> is the localised name as a string) and the order is nested under <c>data.order</c>.
/// </summary>
internal sealed record SallaOrderStatusUpdate(SallaOrder? Order);

/// <summary><c>name</c> is localised (often Arabic) and merchants can customise it; only the slug is stable.</summary>
internal sealed record SallaOrderStatus(string? Slug);

internal sealed record SallaOrderAmounts(SallaMoney? Total);

internal sealed record SallaOrderItem(
    [property: JsonConverter(typeof(SallaTextConverter))] string? Id,
    string? Name,
    string? Sku,
    int? Quantity,
    SallaOrderItemAmounts? Amounts);

internal sealed record SallaOrderItemAmounts(SallaMoney? PriceWithoutTax);

/// <summary>
/// The customer model, and the customer nested in orders and carts. Nested customers sometimes carry only
/// <c>name</c> and a <c>mobile</c> that already has its country code.
/// </summary>
internal sealed record SallaCustomer(
    [property: JsonConverter(typeof(SallaTextConverter))] string? Id,
    string? FirstName,
    string? LastName,
    string? Name,
    [property: JsonConverter(typeof(SallaTextConverter))] string? Mobile,
    [property: JsonConverter(typeof(SallaTextConverter))] string? MobileCode,
    string? Email);

/// <summary>The product model shared by <c>product.created|updated|deleted|available|quantity.low</c>.</summary>
internal sealed record SallaProduct(
    [property: JsonConverter(typeof(SallaTextConverter))] string? Id,
    string? Name,
    string? Sku,
    SallaMoney? Price,
    string? Currency,
    int? Quantity,
    string? Status);

/// <summary>
/// <c>abandoned.cart</c> sends <c>total</c> as a money object; <c>abandoned.cart.purchased</c> sends it as a bare
/// number beside <c>currency</c>. <see cref="SallaMoney"/> reads both.
/// </summary>
internal sealed record SallaCart(
    [property: JsonConverter(typeof(SallaTextConverter))] string? Id,
    SallaMoney? Total,
    string? Currency,
    SallaCustomer? Customer);

/// <summary>Only the id matters for a deletion.</summary>
internal sealed record SallaEntityRef([property: JsonConverter(typeof(SallaTextConverter))] string? Id);

/// <summary>PHP's serialised DateTime: <c>{date: "2022-06-26 12:21:45.000000", timezone_type: 3, timezone: "Asia/Riyadh"}</c>.</summary>
internal sealed record SallaDate(string? Date, string? Timezone);

/// <summary><c>{amount, currency}</c>, where the amount may be a number or a string; sometimes a bare amount.</summary>
[JsonConverter(typeof(SallaMoneyConverter))]
internal sealed record SallaMoney(decimal? Amount, string? Currency);

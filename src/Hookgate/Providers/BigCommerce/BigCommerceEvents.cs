using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hookgate.Providers.BigCommerce;

// BigCommerce's shapes, as documented for webhooks, Orders V2, Customers V3 and Catalog V3. Parameters without a
// default are required: a body that lacks one fails with a JsonException naming the field. Unknown fields are skipped.

/// <summary>The webhook: which resource changed, never its content. <c>data.id</c> is a number for orders, customers
/// and products but a string for carts, so it is kept as it came.</summary>
internal sealed record BigCommerceWebhook(
    string Scope,
    JsonElement StoreId = default,
    BigCommerceResource? Data = null,
    long? CreatedAt = null,
    string? Producer = null);

internal sealed record BigCommerceResource(string? Type = null, JsonElement Id = default);

/// <summary><c>GET /stores/{store_hash}/v2/orders/{id}</c>. Money comes as strings (<c>"79.0000"</c>), dates as RFC 2822.</summary>
internal sealed record BigCommerceOrder(
    long Id,
    long CustomerId,
    int StatusId,
    string Status,
    decimal TotalIncTax,
    string DateModified,
    string? DateCreated = null,
    string? CurrencyCode = null,
    string? DefaultCurrencyCode = null,
    string? ExternalOrderId = null);

/// <summary>One line of <c>GET /stores/{store_hash}/v2/orders/{id}/products</c>.</summary>
internal sealed record BigCommerceOrderProduct(
    long Id,
    string Name,
    int Quantity,
    decimal PriceIncTax,
    string? Sku = null);

/// <summary><c>GET /stores/{store_hash}/v3/customers?id:in={id}</c>: a filtered list, empty when the id is unknown.</summary>
internal sealed record BigCommerceCustomerList(IReadOnlyList<BigCommerceCustomer?> Data);

internal sealed record BigCommerceCustomer(
    long Id,
    DateTimeOffset DateModified,
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    string? Phone = null);

/// <summary><c>GET /stores/{store_hash}/v3/catalog/products/{id}</c>, wrapped in <c>{"data": ...}</c>.</summary>
internal sealed record BigCommerceProductEnvelope(BigCommerceProduct Data);

internal sealed record BigCommerceProduct(
    long Id,
    string Name,
    bool IsVisible,
    DateTimeOffset DateModified,
    string? Sku = null,
    decimal? Price = null,
    int? InventoryLevel = null,
    string? InventoryTracking = null);

// AllowDuplicateProperties = false: a key sent twice is refused (the event is dead-lettered naming it) rather than read
// last-wins, since the identity ingest reads (JsonProbe) takes the first and the two must never disagree.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(BigCommerceWebhook))]
[JsonSerializable(typeof(BigCommerceOrder))]
[JsonSerializable(typeof(List<BigCommerceOrderProduct?>))]
[JsonSerializable(typeof(BigCommerceCustomerList))]
[JsonSerializable(typeof(BigCommerceProductEnvelope))]
internal sealed partial class BigCommerceJson : JsonSerializerContext;

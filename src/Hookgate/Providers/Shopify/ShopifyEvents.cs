namespace Hookgate.Providers.Shopify;

// Shopify's REST-shaped webhook bodies (order, customer, product), cut down to the fields we map. Ids are 64-bit
// numbers, money is a decimal string; everything is nullable so the translator names a missing field itself, and
// unknown fields are skipped.

internal sealed record ShopifyOrder(
    long? Id,
    string? Name,
    string? Currency,
    decimal? TotalPrice,
    string? FinancialStatus,
    string? FulfillmentStatus,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    ShopifyCustomer? Customer,
    List<ShopifyLineItem?>? LineItems);

internal sealed record ShopifyLineItem(long? Id, string? Sku, string? Title, int? Quantity, decimal? Price);

internal sealed record ShopifyCustomer(
    long? Id,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    DateTimeOffset? UpdatedAt);

internal sealed record ShopifyProduct(
    long? Id,
    string? Title,
    string? Status,
    DateTimeOffset? UpdatedAt,
    List<ShopifyVariant?>? Variants);

internal sealed record ShopifyVariant(string? Sku, decimal? Price, int? InventoryQuantity);

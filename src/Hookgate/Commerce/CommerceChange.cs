namespace Hookgate.Commerce;

/// <summary>
/// One change to our own commerce tables, in our own shape: nothing here knows which provider it came from.
/// <paramref name="SourceUpdatedAt"/> is the provider's own time of this state; a change older than what a row
/// already holds is refused, so late or replayed deliveries never roll data back.
/// </summary>
public abstract record CommerceChange(string ExternalId, DateTimeOffset SourceUpdatedAt);

public sealed record Order(
    string ExternalId,
    DateTimeOffset SourceUpdatedAt,
    string? StoreId,
    string? Reference,
    string Status,
    string Currency,
    decimal TotalAmount,
    string? CustomerExternalId,
    DateTimeOffset? PlacedAt,
    IReadOnlyList<OrderItem> Items) : CommerceChange(ExternalId, SourceUpdatedAt);

public sealed record OrderItem(string? ExternalId, string? Sku, string Name, int Quantity, decimal UnitPrice);

public sealed record Customer(
    string ExternalId,
    DateTimeOffset SourceUpdatedAt,
    string? Name,
    string? Email,
    string? Phone) : CommerceChange(ExternalId, SourceUpdatedAt);

public sealed record Product(
    string ExternalId,
    DateTimeOffset SourceUpdatedAt,
    string Name,
    string? Sku,
    decimal? Price,
    string? Currency,
    int? Quantity,
    string Status) : CommerceChange(ExternalId, SourceUpdatedAt);

public sealed record Cart(
    string ExternalId,
    DateTimeOffset SourceUpdatedAt,
    string? CustomerExternalId,
    decimal TotalAmount,
    string Currency,
    string Status) : CommerceChange(ExternalId, SourceUpdatedAt);

public sealed record Payment(
    string ExternalId,
    DateTimeOffset SourceUpdatedAt,
    string? OrderExternalId,
    decimal Amount,
    string Currency,
    string Status) : CommerceChange(ExternalId, SourceUpdatedAt);

/// <summary>The provider deleted the record: it stays as a tombstone (status <c>deleted</c>) that older updates cannot revive.</summary>
public sealed record Deletion(CommerceEntity Entity, string ExternalId, DateTimeOffset SourceUpdatedAt) : CommerceChange(ExternalId, SourceUpdatedAt);

public enum CommerceEntity
{
    Order,
    Customer,
    Product,
    Cart,
    Payment,
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hookgate.Commerce;
using Hookgate.Processing;

namespace Hookgate.Providers.Shopify;

/// <summary>
/// Shopify's order, customer and product webhooks as our records. The topic travels in a header (stored as the
/// event type) and the body is the resource itself; its <c>updated_at</c> orders the states, since Shopify retries
/// for hours and does not deliver in order.
/// </summary>
public sealed class ShopifyTranslator : IEventTranslator
{
    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";

    public ValueTask<Translation> TranslateAsync(StoredEvent storedEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Translate(storedEvent));

    private static Translation Translate(StoredEvent storedEvent) => storedEvent.EventType switch
    {
        "orders/create" or "orders/updated" or "orders/cancelled" => TranslateOrder(storedEvent),
        "customers/create" or "customers/update" => TranslateCustomer(storedEvent),
        "products/create" or "products/update" => TranslateProduct(storedEvent),
        var topic => Translation.Ignore($"Shopify topic '{topic}' has no meaning in the commerce domain."),
    };

    private static Translation TranslateOrder(StoredEvent storedEvent)
    {
        var order = Read(storedEvent, ShopifyJsonContext.Default.ShopifyOrder);
        var updatedAt = SourceTime(order.UpdatedAt, storedEvent);
        var lineItems = order.LineItems ?? throw InvalidEventException.Missing("line_items");
        var items = new OrderItem[lineItems.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Item(lineItems[i], $"line_items[{i}]");
        }

        var customer = order.Customer is null ? null : ToCustomer(order.Customer, "customer.", order.UpdatedAt, storedEvent);
        var placed = new Order(
            ExternalId: Id(order.Id, "id"),
            SourceUpdatedAt: updatedAt,
            StoreId: storedEvent.Header(ShopifyReceiver.ShopDomainHeader),
            Reference: order.Name,
            Status: OrderStatus(order, storedEvent.EventType),
            Currency: Currency(order.Currency, "currency"),
            TotalAmount: order.TotalPrice ?? throw InvalidEventException.Missing("total_price"),
            CustomerExternalId: customer?.ExternalId,
            PlacedAt: order.CreatedAt?.ToUniversalTime(),
            Items: items);

        // The customer first, so the order never refers to a customer the store has not seen yet.
        return customer is null ? Translation.Apply(placed) : Translation.Apply(customer, placed);
    }

    private static Translation TranslateCustomer(StoredEvent storedEvent)
    {
        var customer = Read(storedEvent, ShopifyJsonContext.Default.ShopifyCustomer);
        return Translation.Apply(ToCustomer(customer, "", orderUpdatedAt: null, storedEvent));
    }

    private static Translation TranslateProduct(StoredEvent storedEvent)
    {
        var product = Read(storedEvent, ShopifyJsonContext.Default.ShopifyProduct);
        // Our product is one priced, stocked thing; Shopify's first variant is the one a single-variant product has.
        var variant = product.Variants is [var first, ..] ? first ?? throw InvalidEventException.Missing("variants[0]") : null;
        return Translation.Apply(new Product(
            ExternalId: Id(product.Id, "id"),
            SourceUpdatedAt: SourceTime(product.UpdatedAt, storedEvent),
            Name: Text(product.Title, "title"),
            Sku: NullIfEmpty(variant?.Sku),
            Price: variant?.Price,
            // Shopify prices products in the shop's currency, which the product body does not carry.
            Currency: null,
            Quantity: variant?.InventoryQuantity,
            Status: ProductStatus(product.Status)));
    }

    private static Customer ToCustomer(ShopifyCustomer customer, string prefix, DateTimeOffset? orderUpdatedAt, StoredEvent storedEvent)
    {
        var name = $"{customer.FirstName} {customer.LastName}".Trim();
        return new Customer(
            ExternalId: Id(customer.Id, prefix + "id"),
            SourceUpdatedAt: SourceTime(customer.UpdatedAt ?? orderUpdatedAt, storedEvent),
            Name: name.Length == 0 ? null : name,
            Email: NullIfEmpty(customer.Email),
            Phone: NullIfEmpty(customer.Phone));
    }

    private static OrderItem Item(ShopifyLineItem? item, string field)
    {
        if (item is null)
        {
            throw InvalidEventException.Missing(field);
        }

        return new OrderItem(
            ExternalId: item.Id?.ToString(CultureInfo.InvariantCulture),
            Sku: NullIfEmpty(item.Sku),
            Name: Text(item.Title, field + ".title"),
            Quantity: item.Quantity ?? throw InvalidEventException.Missing(field + ".quantity"),
            UnitPrice: item.Price ?? throw InvalidEventException.Missing(field + ".price"));
    }

    private static string OrderStatus(ShopifyOrder order, string topic)
    {
        if (order.CancelledAt is not null || topic == "orders/cancelled")
        {
            return CommerceStatus.Cancelled;
        }

        var financialStatus = Text(order.FinancialStatus, "financial_status");
        if (financialStatus == "refunded")
        {
            return CommerceStatus.Refunded;
        }

        if (order.FulfillmentStatus == "fulfilled")
        {
            return CommerceStatus.Completed;
        }

        // Anything else (partially_refunded, voided) is kept in Shopify's words rather than guessed at.
        return financialStatus switch
        {
            "paid" or "partially_paid" => CommerceStatus.Processing,
            "pending" or "authorized" => CommerceStatus.Pending,
            _ => financialStatus,
        };
    }

    private static string ProductStatus(string? status) => status switch
    {
        "active" => CommerceStatus.Active,
        "draft" or "archived" => CommerceStatus.Inactive,
        null or "" => throw InvalidEventException.Missing("status"),
        // A status Shopify adds later may or may not be sellable: dead-letter it rather than guess.
        _ => throw InvalidEventException.Expected("status", "active, draft or archived", status),
    };

    private static T Read<T>(StoredEvent storedEvent, JsonTypeInfo<T> typeInfo)
        where T : class =>
        JsonSerializer.Deserialize(storedEvent.Body, typeInfo) ?? throw InvalidEventException.Expected("$", "a JSON object", "null");

    /// <summary>The resource's own time, else when Shopify fired the webhook, else when we received it.</summary>
    private static DateTimeOffset SourceTime(DateTimeOffset? updatedAt, StoredEvent storedEvent)
    {
        if (updatedAt is { } resourceTime)
        {
            return resourceTime.ToUniversalTime();
        }

        var triggeredAt = storedEvent.Header(TriggeredAtHeader);
        if (triggeredAt is null)
        {
            return storedEvent.ReceivedAt.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(triggeredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : throw InvalidEventException.Expected(TriggeredAtHeader, "an ISO 8601 time", triggeredAt);
    }

    // Shopify ids are 64-bit numbers; ours are text, so they are written exactly, digit for digit.
    private static string Id(long? id, string field) =>
        id?.ToString(CultureInfo.InvariantCulture) ?? throw InvalidEventException.Missing(field);

    private static string Currency(string? code, string field)
    {
        if (string.IsNullOrEmpty(code))
        {
            throw InvalidEventException.Missing(field);
        }

        return code.Length == 3 && code.All(char.IsAsciiLetter)
            ? code.ToUpperInvariant()
            : throw InvalidEventException.Expected(field, "a three-letter ISO 4217 code", code);
    }

    private static string Text(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw InvalidEventException.Missing(field) : value;

    // Shopify sends "" rather than null for an unset SKU or phone.
    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

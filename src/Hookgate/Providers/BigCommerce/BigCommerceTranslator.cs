using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Hookgate.Commerce;
using Hookgate.Processing;

namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// BigCommerce's anti-corruption layer. A webhook only names what changed, so the resource is read from the REST API
/// when the event is processed: the result is the state at that moment, stamped with BigCommerce's own
/// <c>date_modified</c>, so a late retry never rolls a newer state back.
/// </summary>
internal sealed class BigCommerceTranslator(BigCommerceApi api, string? configuredStoreHash) : IEventTranslator
{
    public async ValueTask<Translation> TranslateAsync(StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var webhook = JsonSerializer.Deserialize(storedEvent.Body, BigCommerceJson.Default.BigCommerceWebhook)
            ?? throw InvalidEventException.Missing("scope");
        switch (webhook.Scope)
        {
            case "store/order/created" or "store/order/updated" or "store/order/statusUpdated":
                return Translation.Apply(await ReadOrderAsync(webhook, cancellationToken));
            case "store/customer/created" or "store/customer/updated":
                return Translation.Apply(ToCustomer(await api.GetCustomerAsync(StoreHash(webhook), ResourceId(webhook), cancellationToken)));
            case "store/product/created" or "store/product/updated":
                return Translation.Apply(ToProduct(await api.GetProductAsync(StoreHash(webhook), ResourceId(webhook), cancellationToken)));
        }

        if (DeletedEntity(webhook.Scope) is { } entity)
        {
            // Nothing left to fetch; the webhook's own time orders the tombstone against earlier updates.
            var deletedAt = webhook.CreatedAt is { } seconds ? UnixTime.FromSeconds(seconds, "created_at") : storedEvent.ReceivedAt;
            return Translation.Apply(new Deletion(entity, Text(ResourceId(webhook)), deletedAt));
        }

        return Translation.Ignore($"BigCommerce scope '{webhook.Scope}' has no counterpart in the commerce domain.");
    }

    private static CommerceEntity? DeletedEntity(string scope) => scope switch
    {
        "store/customer/deleted" => CommerceEntity.Customer,
        "store/product/deleted" => CommerceEntity.Product,

        // BigCommerce never deletes an order: it archives it, and the order leaves the API and the control panel.
        "store/order/archived" => CommerceEntity.Order,
        _ => null,
    };

    private async Task<Order> ReadOrderAsync(BigCommerceWebhook webhook, CancellationToken cancellationToken)
    {
        var storeHash = StoreHash(webhook);
        var id = ResourceId(webhook);
        var order = await api.GetOrderAsync(storeHash, id, cancellationToken);
        var products = await api.GetOrderProductsAsync(storeHash, id, cancellationToken);
        var items = new OrderItem[products.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var product = products[i] ?? throw InvalidEventException.Missing($"products[{i}]");
            items[i] = new OrderItem(Text(product.Id), NullIfEmpty(product.Sku), product.Name, product.Quantity, product.PriceIncTax);
        }

        return new Order(
            ExternalId: Text(order.Id),
            SourceUpdatedAt: Rfc2822("date_modified", order.DateModified),
            StoreId: StoreId(webhook.StoreId),
            Reference: NullIfEmpty(order.ExternalOrderId) ?? Text(order.Id),
            Status: BigCommerceOrderStatus.ToCommerceStatus(order.StatusId, order.Status),

            // The transactional currency, the one the totals are in; currency_code is only what the storefront displayed.
            Currency: NullIfEmpty(order.DefaultCurrencyCode) ?? NullIfEmpty(order.CurrencyCode) ?? throw InvalidEventException.Missing("default_currency_code"),
            TotalAmount: order.TotalIncTax,
            CustomerExternalId: order.CustomerId == 0 ? null : Text(order.CustomerId),
            PlacedAt: NullIfEmpty(order.DateCreated) is { } created ? Rfc2822("date_created", created) : null,
            Items: items);
    }

    private static Customer ToCustomer(BigCommerceCustomer customer)
    {
        var name = $"{customer.FirstName} {customer.LastName}".Trim();
        return new Customer(
            Text(customer.Id),
            customer.DateModified,
            name.Length == 0 ? null : name,
            NullIfEmpty(customer.Email),
            NullIfEmpty(customer.Phone));
    }

    private static Product ToProduct(BigCommerceProduct product) => new(
        Text(product.Id),
        product.DateModified,
        product.Name,
        NullIfEmpty(product.Sku),
        product.Price,

        // Catalog prices are in the store's default currency, which the product does not state.
        Currency: null,

        // Untracked products report inventory_level 0, which would read as out of stock.
        Quantity: product.InventoryTracking == "none" ? null : product.InventoryLevel,
        Status: product.IsVisible ? CommerceStatus.Active : CommerceStatus.Inactive);

    private string StoreHash(BigCommerceWebhook webhook)
    {
        if (configuredStoreHash is not null)
        {
            return configuredStoreHash;
        }

        const string prefix = "stores/";
        var producer = webhook.Producer ?? throw InvalidEventException.Missing("producer");
        return producer.StartsWith(prefix, StringComparison.Ordinal) && producer.Length > prefix.Length
            ? producer[prefix.Length..]
            : throw InvalidEventException.Expected("producer", "stores/{store_hash}", producer);
    }

    private static long ResourceId(BigCommerceWebhook webhook)
    {
        var id = webhook.Data?.Id ?? default;
        return id.ValueKind switch
        {
            JsonValueKind.Number when id.TryGetInt64(out var number) => number,
            // The digits as sent, between the quotes: never decoded, so bytes that are not UTF-8 or UTF-16 cannot throw.
            JsonValueKind.String when long.TryParse(JsonMarshal.GetRawUtf8Value(id)[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            JsonValueKind.Undefined or JsonValueKind.Null => throw InvalidEventException.Missing("data.id"),
            _ => throw InvalidEventException.Expected("data.id", "an integer id", RawText(id)),
        };
    }

    private static string? StoreId(JsonElement storeId) => storeId.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(DecodedText(storeId, "store_id")),
        JsonValueKind.Number => storeId.GetRawText(),
        _ => null,
    };

    /// <summary>A string kept as a JsonElement is decoded only now, so bytes that are not UTF-8 (or an escaped lone surrogate) surface here.</summary>
    private static string DecodedText(JsonElement text, string field)
    {
        try
        {
            return text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw InvalidEventException.Expected(field, "UTF-8 text", RawText(text));
        }
    }

    /// <summary>The value as sent, for an error message; undecodable bytes become U+FFFD instead of throwing.</summary>
    private static string RawText(JsonElement element) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>Orders V2 dates are RFC 2822 (<c>Tue, 20 Nov 2012 00:00:00 +0000</c>), not ISO 8601.</summary>
    private static DateTimeOffset Rfc2822(string field, string value) =>
        DateTimeOffset.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw InvalidEventException.Expected(field, "an RFC 2822 date such as 'Tue, 20 Nov 2012 00:00:00 +0000'", value);

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

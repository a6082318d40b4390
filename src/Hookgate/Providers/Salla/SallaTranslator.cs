using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hookgate.Commerce;
using Hookgate.Processing;

namespace Hookgate.Providers.Salla;

/// <summary>
/// Salla's anti-corruption layer: store events in Salla's shape become changes in ours. Money stays in major units
/// (Salla sends 115.5 for 115.50 SAR), currencies are upper-cased ISO codes, times are UTC.
/// </summary>
public sealed class SallaTranslator : IEventTranslator
{
    public ValueTask<Translation> TranslateAsync(StoredEvent storedEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Translate(storedEvent.Body));

    private static Translation Translate(byte[] body)
    {
        // The name picks the data model, so it is read first; events we ignore are never parsed further.
        var name = JsonProbe.Read(body, "event");
        switch (name)
        {
            case "order.created" or "order.updated" or "order.products.updated" or "order.payment.updated"
                or "order.coupon.updated" or "order.total.price.updated":
                return Order(Read(body, SallaJsonContext.Default.OrderEvent), status: null);
            case "order.cancelled":
                return Order(Read(body, SallaJsonContext.Default.OrderEvent), CommerceStatus.Cancelled);
            case "order.refunded":
                return Order(Read(body, SallaJsonContext.Default.OrderEvent), CommerceStatus.Refunded);
            case "order.status.updated":
                return OrderStatusUpdated(Read(body, SallaJsonContext.Default.OrderStatusEvent));
            case "order.deleted":
                return Deleted(Read(body, SallaJsonContext.Default.DeletionEvent), CommerceEntity.Order);
            case "customer.created" or "customer.updated":
                return Customer(Read(body, SallaJsonContext.Default.CustomerEvent));
            case "customer.login":
                return Translation.Ignore("Salla event 'customer.login' is a sign-in; the customer did not change.");
            case "product.created" or "product.updated" or "product.available" or "product.quantity.low":
                return Product(Read(body, SallaJsonContext.Default.ProductEvent));
            case "product.deleted":
                return Deleted(Read(body, SallaJsonContext.Default.DeletionEvent), CommerceEntity.Product);
            case "abandoned.cart":
                return Cart(Read(body, SallaJsonContext.Default.CartEvent), CommerceStatus.Abandoned);
            case "abandoned.cart.purchased":
                return Cart(Read(body, SallaJsonContext.Default.CartEvent), CommerceStatus.Recovered);
            case null:
                // Parsing throws JsonException for a body that is not JSON; otherwise the envelope lacks its name.
                Read(body, SallaJsonContext.Default.DeletionEvent);
                throw InvalidEventException.Missing("event");
            default:
                return Translation.Ignore($"Salla event '{name}' has no counterpart in the commerce domain.");
        }
    }

    private static SallaEnvelope<T> Read<T>(byte[] body, JsonTypeInfo<SallaEnvelope<T>> typeInfo)
        where T : class =>
        JsonSerializer.Deserialize(body, typeInfo) ?? throw InvalidEventException.Expected("$", "a JSON object", "null");

    private static Translation Order(SallaEnvelope<SallaOrder> envelope, string? status)
    {
        var order = envelope.Data ?? throw InvalidEventException.Missing("data");
        return OrderChanges(order, "data", envelope, status);
    }

    private static Translation OrderStatusUpdated(SallaEnvelope<SallaOrderStatusUpdate> envelope)
    {
        var order = envelope.Data?.Order ?? throw InvalidEventException.Missing("data.order");
        return OrderChanges(order, "data.order", envelope, status: null);
    }

    private static Translation OrderChanges<T>(SallaOrder order, string path, SallaEnvelope<T> envelope, string? status)
        where T : class
    {
        var at = SallaTime.EventTime(envelope.CreatedAt);
        var id = order.Id ?? throw InvalidEventException.Missing($"{path}.id");
        var slug = order.Status?.Slug ?? throw InvalidEventException.Missing($"{path}.status.slug");
        var total = order.Amounts?.Total;
        var amount = total?.Amount ?? throw InvalidEventException.Missing($"{path}.amounts.total.amount");
        var currency = Currency(order.Currency ?? total.Currency, path, "currency");
        var customerId = order.Customer?.Id;

        var result = new Order(
            id,
            at,
            envelope.Merchant,
            order.ReferenceId,
            status ?? SallaStatuses.Order(slug),
            currency,
            amount,
            customerId,
            SallaTime.OrderDate(order.Date, path),
            Items(order.Items, path));

        return customerId is null
            ? Translation.Apply(result)
            : Translation.Apply(ToCustomer(order.Customer!, customerId, at), result);
    }

    private static List<OrderItem> Items(IReadOnlyList<SallaOrderItem?>? items, string path)
    {
        if (items is null)
        {
            // The order model always carries its items; an order without them would erase the ones we hold.
            throw InvalidEventException.Missing($"{path}.items");
        }

        var result = new List<OrderItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw InvalidEventException.Missing($"{path}.items[{i}]");
            result.Add(new OrderItem(
                item.Id,
                Blank(item.Sku),
                item.Name ?? throw InvalidEventException.Missing($"{path}.items[{i}].name"),
                item.Quantity ?? throw InvalidEventException.Missing($"{path}.items[{i}].quantity"),

                // Salla calls it the item's price before tax, discounts being listed beside it. Every documented
                // example has quantity 1, so "per unit" rests on the name; dividing "total" would rest on less.
                item.Amounts?.PriceWithoutTax?.Amount
                    ?? throw InvalidEventException.Missing($"{path}.items[{i}].amounts.price_without_tax.amount")));
        }

        return result;
    }

    private static Translation Customer(SallaEnvelope<SallaCustomer> envelope)
    {
        var customer = envelope.Data ?? throw InvalidEventException.Missing("data");
        var id = customer.Id ?? throw InvalidEventException.Missing("data.id");
        return Translation.Apply(ToCustomer(customer, id, SallaTime.EventTime(envelope.CreatedAt)));
    }

    private static Customer ToCustomer(SallaCustomer customer, string id, DateTimeOffset at) =>
        new(id, at, FullName(customer), Blank(customer.Email), Phone(customer));

    private static Translation Product(SallaEnvelope<SallaProduct> envelope)
    {
        var product = envelope.Data ?? throw InvalidEventException.Missing("data");
        var currency = product.Price?.Currency ?? product.Currency;
        return Translation.Apply(new Product(
            product.Id ?? throw InvalidEventException.Missing("data.id"),
            SallaTime.EventTime(envelope.CreatedAt),
            product.Name ?? throw InvalidEventException.Missing("data.name"),
            Blank(product.Sku),
            product.Price?.Amount,
            currency is null ? null : Currency(currency, "data", "price.currency"),
            product.Quantity,
            SallaStatuses.Product(product.Status ?? throw InvalidEventException.Missing("data.status"))));
    }

    private static Translation Cart(SallaEnvelope<SallaCart> envelope, string status)
    {
        var cart = envelope.Data ?? throw InvalidEventException.Missing("data");
        return Translation.Apply(new Cart(
            cart.Id ?? throw InvalidEventException.Missing("data.id"),
            SallaTime.EventTime(envelope.CreatedAt),
            cart.Customer?.Id,
            cart.Total?.Amount ?? throw InvalidEventException.Missing("data.total"),
            Currency(cart.Total.Currency ?? cart.Currency, "data", "currency"),
            status));
    }

    private static Translation Deleted(SallaEnvelope<SallaEntityRef> envelope, CommerceEntity entity) =>
        Translation.Apply(new Deletion(
            entity,
            envelope.Data?.Id ?? throw InvalidEventException.Missing("data.id"),
            SallaTime.EventTime(envelope.CreatedAt)));

    /// <summary>The customer model has first and last names; customers nested in orders and carts may have only <c>name</c>.</summary>
    private static string? FullName(SallaCustomer customer)
    {
        var full = $"{customer.FirstName} {customer.LastName}".Trim();
        return full.Length > 0 ? full : Blank(customer.Name);
    }

    /// <summary><c>mobile_code</c> + <c>mobile</c> (<c>+966</c>, <c>501806978</c>), unless the mobile already starts with its code.</summary>
    private static string? Phone(SallaCustomer customer)
    {
        var mobile = Blank(customer.Mobile);
        return mobile is null || mobile.StartsWith('+') || Blank(customer.MobileCode) is not { } code
            ? mobile
            : code + mobile;
    }

    // Paths come in two parts so that the full one is only built for an error.
    private static string Currency(string? code, string path, string field)
    {
        if (code is null)
        {
            throw InvalidEventException.Missing($"{path}.{field}");
        }

        if (code.Length != 3 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]) || !char.IsAsciiLetter(code[2]))
        {
            throw InvalidEventException.Expected($"{path}.{field}", "a three-letter ISO 4217 currency code", code);
        }

        return code.ToUpperInvariant();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

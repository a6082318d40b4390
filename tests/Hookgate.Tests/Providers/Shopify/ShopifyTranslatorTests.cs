using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hookgate.Commerce;
using Hookgate.Processing;
using Hookgate.Providers;
using Hookgate.Providers.Shopify;

namespace Hookgate.Tests.Providers.Shopify;

public sealed class ShopifyTranslatorTests
{
    private const string Shop = "acme.myshopify.com";
    private static readonly DateTimeOffset ReceivedAt = new(2024, 5, 29, 16, 30, 0, TimeSpan.Zero);

    // Shaped on Shopify's REST webhook examples (order, customer, product), with unmapped fields left in so that
    // tolerating them is tested too.
    internal const string Order = """
        {
          "id": 820982911946154508,
          "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
          "app_id": null,
          "browser_ip": null,
          "buyer_accepts_marketing": true,
          "cancel_reason": null,
          "cancelled_at": null,
          "closed_at": null,
          "confirmation_number": "K8Y2N9X3Q",
          "confirmed": true,
          "contact_email": "jon@example.com",
          "created_at": "2024-05-29T12:26:40-04:00",
          "currency": "USD",
          "current_total_price": "403.00",
          "email": "jon@example.com",
          "financial_status": "paid",
          "fulfillment_status": null,
          "name": "#1001",
          "number": 1,
          "order_number": 1001,
          "presentment_currency": "USD",
          "subtotal_price": "403.00",
          "tags": "",
          "test": true,
          "total_price": "403.00",
          "total_price_set": {"shop_money": {"amount": "403.00", "currency_code": "USD"}, "presentment_money": {"amount": "403.00", "currency_code": "USD"}},
          "total_tax": "0.00",
          "updated_at": "2024-05-29T12:27:12-04:00",
          "billing_address": {"first_name": "John", "last_name": "Smith", "address1": "123 Billing Street", "city": "Billtown", "zip": "K2P0B0", "country_code": "CA"},
          "customer": {
            "id": 115310627314723954,
            "email": "jon@example.com",
            "created_at": "2024-05-20T09:00:00-04:00",
            "updated_at": "2024-05-29T12:26:41-04:00",
            "first_name": "John",
            "last_name": "Smith",
            "state": "disabled",
            "note": null,
            "verified_email": true,
            "phone": "+16135551234",
            "currency": "USD",
            "tax_exempt": false,
            "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954"
          },
          "line_items": [
            {
              "id": 866550311766439020,
              "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020",
              "fulfillable_quantity": 1,
              "fulfillment_status": null,
              "gift_card": false,
              "grams": 567,
              "name": "IPod Nano - 8GB",
              "price": "199.00",
              "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}},
              "product_id": 632910392,
              "quantity": 1,
              "requires_shipping": true,
              "sku": "IPOD-342-N",
              "taxable": true,
              "title": "IPod Nano",
              "total_discount": "0.00",
              "variant_id": 808950810,
              "variant_title": "8GB",
              "vendor": null,
              "tax_lines": [],
              "discount_allocations": []
            },
            {
              "id": 141249953214522974,
              "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974",
              "fulfillable_quantity": 2,
              "name": "IPod Nano Case",
              "price": "102.00",
              "product_id": 632910393,
              "quantity": 2,
              "sku": "",
              "title": "IPod Nano Case",
              "variant_id": 808950811,
              "variant_title": null
            }
          ],
          "shipping_lines": [],
          "refunds": []
        }
        """;

    internal const string CustomerBody = """
        {
          "id": 706405506930370084,
          "email": "bob@biller.com",
          "created_at": "2024-05-28T08:15:00+02:00",
          "updated_at": "2024-05-29T10:00:00+02:00",
          "first_name": "Bob",
          "last_name": "Biller",
          "orders_count": 0,
          "state": "disabled",
          "total_spent": "0.00",
          "last_order_id": null,
          "note": "This customer loves ice cream",
          "verified_email": true,
          "multipass_identifier": null,
          "tax_exempt": false,
          "tags": "",
          "last_order_name": null,
          "currency": "USD",
          "phone": null,
          "addresses": [],
          "email_marketing_consent": null,
          "sms_marketing_consent": null,
          "admin_graphql_api_id": "gid://shopify/Customer/706405506930370084",
          "default_address": null
        }
        """;

    internal const string ProductBody = """
        {
          "admin_graphql_api_id": "gid://shopify/Product/788032119674292922",
          "body_html": "An example T-Shirt",
          "created_at": null,
          "handle": "example-t-shirt",
          "id": 788032119674292922,
          "product_type": "Shirts",
          "published_at": "2024-05-29T12:30:00-04:00",
          "template_suffix": null,
          "title": "Example T-Shirt",
          "updated_at": "2024-05-29T12:31:00-04:00",
          "vendor": "Acme",
          "status": "active",
          "published_scope": "web",
          "tags": "example, mens, t-shirt",
          "variants": [
            {
              "admin_graphql_api_id": "gid://shopify/ProductVariant/642667041472713922",
              "barcode": null,
              "compare_at_price": "24.99",
              "created_at": null,
              "id": 642667041472713922,
              "inventory_policy": "deny",
              "position": 1,
              "price": "19.99",
              "product_id": 788032119674292922,
              "sku": "EX-TSHIRT-S",
              "taxable": true,
              "title": "Small",
              "updated_at": null,
              "option1": "Small",
              "image_id": null,
              "inventory_item_id": null,
              "inventory_quantity": 75,
              "old_inventory_quantity": 75
            },
            {
              "id": 757650484644203962,
              "price": "21.99",
              "sku": "EX-TSHIRT-M",
              "title": "Medium",
              "inventory_quantity": 50
            }
          ],
          "options": [],
          "images": [],
          "image": null,
          "media": [],
          "variant_gids": []
        }
        """;

    private static readonly Customer OrderCustomer = new(
        "115310627314723954", new DateTimeOffset(2024, 5, 29, 16, 26, 41, TimeSpan.Zero), "John Smith", "jon@example.com", "+16135551234");

    [Fact]
    public void The_Shopify_provider_supplies_its_translator()
    {
        IWebhookProvider provider = new ShopifyProvider();

        Assert.IsType<ShopifyTranslator>(provider.CreateTranslator(TestSources.Define("shop")));
    }

    [Fact]
    public async Task Maps_a_created_order_to_its_customer_then_the_order()
    {
        var changes = Changes(await Translate("orders/create", Order));

        Assert.Equal(2, changes.Count);
        Assert.Equal(OrderCustomer, changes[0]);
        var order = Assert.IsType<Order>(changes[1]);
        Assert.Equal("820982911946154508", order.ExternalId);
        Assert.Equal(new DateTimeOffset(2024, 5, 29, 16, 27, 12, TimeSpan.Zero), order.SourceUpdatedAt);
        Assert.Equal(TimeSpan.Zero, order.SourceUpdatedAt.Offset);
        Assert.Equal(Shop, order.StoreId);
        Assert.Equal("#1001", order.Reference);
        Assert.Equal(CommerceStatus.Processing, order.Status);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(403.00m, order.TotalAmount);
        Assert.Equal("115310627314723954", order.CustomerExternalId);
        Assert.Equal(new DateTimeOffset(2024, 5, 29, 16, 26, 40, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal(TimeSpan.Zero, order.PlacedAt!.Value.Offset);
        Assert.Equal(
            [
                new OrderItem("866550311766439020", "IPOD-342-N", "IPod Nano", 1, 199.00m),
                new OrderItem("141249953214522974", null, "IPod Nano Case", 2, 102.00m),
            ],
            order.Items);
    }

    [Theory]
    [InlineData("orders/create", "pending", null, false, CommerceStatus.Pending)]
    [InlineData("orders/updated", "authorized", null, false, CommerceStatus.Pending)]
    [InlineData("orders/updated", "paid", null, false, CommerceStatus.Processing)]
    [InlineData("orders/updated", "partially_paid", "partial", false, CommerceStatus.Processing)]
    [InlineData("orders/updated", "paid", "fulfilled", false, CommerceStatus.Completed)]
    [InlineData("orders/updated", "refunded", "fulfilled", false, CommerceStatus.Refunded)]
    [InlineData("orders/updated", "partially_refunded", null, false, "partially_refunded")]
    [InlineData("orders/updated", "voided", null, false, "voided")]
    [InlineData("orders/updated", "paid", null, true, CommerceStatus.Cancelled)]
    [InlineData("orders/cancelled", "paid", null, false, CommerceStatus.Cancelled)]
    public async Task Maps_Shopify_order_states_to_our_status_words(string topic, string financialStatus, string? fulfillmentStatus, bool cancelled, string expected)
    {
        var body = With(Order, order =>
        {
            order["financial_status"] = financialStatus;
            order["fulfillment_status"] = fulfillmentStatus;
            order["cancelled_at"] = cancelled ? "2024-05-29T12:40:00-04:00" : null;
        });

        var order = Assert.IsType<Order>(Changes(await Translate(topic, body))[^1]);

        Assert.Equal(expected, order.Status);
    }

    [Fact]
    public async Task An_order_without_a_customer_gives_only_the_order()
    {
        var body = With(Order, order => order.Remove("customer"));

        var order = Assert.IsType<Order>(Assert.Single(Changes(await Translate("orders/create", body))));

        Assert.Null(order.CustomerExternalId);
    }

    [Fact]
    public async Task Without_updated_at_the_order_is_timed_by_when_Shopify_triggered_the_webhook()
    {
        var body = With(Order, order => order.Remove("updated_at"));

        var changes = Changes(await Translate("orders/updated", body, triggeredAt: "2024-05-29T16:27:13.123Z"));

        Assert.Equal(new DateTimeOffset(2024, 5, 29, 16, 27, 13, 123, TimeSpan.Zero), changes[^1].SourceUpdatedAt);
    }

    [Fact]
    public async Task Without_updated_at_or_a_trigger_time_the_order_is_timed_by_its_receipt()
    {
        var body = With(Order, order => order.Remove("updated_at"));

        var changes = Changes(await Translate("orders/updated", body));

        Assert.Equal(ReceivedAt, changes[^1].SourceUpdatedAt);
    }

    [Fact]
    public async Task Maps_a_customer_update_to_a_customer()
    {
        var changes = Changes(await Translate("customers/update", CustomerBody));

        Assert.Equal(
            new Customer("706405506930370084", new DateTimeOffset(2024, 5, 29, 8, 0, 0, TimeSpan.Zero), "Bob Biller", "bob@biller.com", null),
            Assert.Single(changes));
    }

    [Fact]
    public async Task Maps_a_created_product_from_its_first_variant()
    {
        var changes = Changes(await Translate("products/create", ProductBody));

        Assert.Equal(
            new Product("788032119674292922", new DateTimeOffset(2024, 5, 29, 16, 31, 0, TimeSpan.Zero), "Example T-Shirt", "EX-TSHIRT-S", 19.99m, null, 75, CommerceStatus.Active),
            Assert.Single(changes));
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("archived")]
    public async Task A_draft_or_archived_product_is_inactive(string status)
    {
        var body = With(ProductBody, product => product["status"] = status);

        var product = Assert.IsType<Product>(Assert.Single(Changes(await Translate("products/update", body))));

        Assert.Equal(CommerceStatus.Inactive, product.Status);
    }

    [Fact]
    public async Task A_product_without_variants_has_no_sku_price_or_quantity()
    {
        var body = With(ProductBody, product => product["variants"] = new JsonArray());

        var product = Assert.IsType<Product>(Assert.Single(Changes(await Translate("products/update", body))));

        Assert.Equal((null, null, null), (product.Sku, product.Price, product.Quantity));
    }

    [Fact]
    public async Task A_product_status_Shopify_has_not_documented_names_the_field()
    {
        var body = With(ProductBody, product => product["status"] = "unlisted");

        var exception = await Assert.ThrowsAsync<InvalidEventException>(() => Translate("products/update", body));

        Assert.Equal("Field 'status' must be active, draft or archived, but was 'unlisted'.", exception.Message);
    }

    [Fact]
    public async Task A_line_item_without_a_quantity_names_the_field()
    {
        var body = With(Order, order => order["line_items"]![0]!.AsObject().Remove("quantity"));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(() => Translate("orders/create", body));

        Assert.Equal("Required field 'line_items[0].quantity' is missing.", exception.Message);
    }

    [Fact]
    public async Task A_quantity_written_in_words_fails_at_its_path()
    {
        var body = With(Order, order => order["line_items"]![0]!["quantity"] = "two");

        var exception = await Assert.ThrowsAsync<JsonException>(() => Translate("orders/create", body));

        Assert.Equal("$.line_items[0].quantity", exception.Path);
    }

    [Fact]
    public async Task An_order_without_an_id_names_the_field()
    {
        var body = With(Order, order => order.Remove("id"));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(() => Translate("orders/create", body));

        Assert.Equal("Required field 'id' is missing.", exception.Message);
    }

    [Fact]
    public async Task Ignores_a_topic_with_no_commerce_meaning()
    {
        var ignored = Assert.IsType<Translation.Ignored>(await Translate("app/uninstalled", """{"id": 548380009, "name": "Acme"}"""));

        Assert.Contains("app/uninstalled", ignored.Reason);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_fails_as_JSON()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Translate("orders/create", "id=820982911946154508&name=%231001"));
    }

    private static async Task<Translation> Translate(string topic, string body, string? triggeredAt = null)
    {
        IWebhookProvider provider = new ShopifyProvider();
        var translator = provider.CreateTranslator(TestSources.Define("shop"))!;
        var headers = new JsonObject
        {
            ["X-Shopify-Topic"] = new JsonArray(topic),
            ["X-Shopify-Shop-Domain"] = new JsonArray(Shop),
            ["X-Shopify-Webhook-Id"] = new JsonArray("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
            ["X-Shopify-API-Version"] = new JsonArray("2024-04"),
        };
        if (triggeredAt is not null)
        {
            headers["X-Shopify-Triggered-At"] = new JsonArray(triggeredAt);
        }

        var storedEvent = new StoredEvent(
            Id: Guid.NewGuid(),
            Source: "shop",
            Provider: "shopify",
            EventType: topic,
            ProviderEventId: "98880550-7158-44d4-b7cd-2c97c8a091b5",
            OrderingKey: $"{Shop}:orders:820982911946154508",
            ReceivedAt: ReceivedAt,
            ContentType: "application/json",
            Headers: headers.ToJsonString(),
            Body: Encoding.UTF8.GetBytes(body));
        return await translator.TranslateAsync(storedEvent, CancellationToken.None);
    }

    private static string With(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static IReadOnlyList<CommerceChange> Changes(Translation translation) =>
        Assert.IsType<Translation.Changes>(translation).Items;
}

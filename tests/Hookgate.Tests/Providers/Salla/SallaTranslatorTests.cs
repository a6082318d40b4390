using System.Text;
using System.Text.Json;
using Hookgate.Commerce;
using Hookgate.Processing;
using Hookgate.Providers.Salla;

namespace Hookgate.Tests.Providers.Salla;

public sealed class SallaTranslatorTests
{
    private const string Merchant = "1305146709";

    // "Sun Jun 26 2022 12:21:48 GMT+0300" and data.date "2022-06-26 12:21:45.000000" in Asia/Riyadh.
    private static readonly DateTimeOffset OrderCreatedAt = new(2022, 6, 26, 9, 21, 48, TimeSpan.Zero);
    private static readonly DateTimeOffset OrderPlacedAt = new(2022, 6, 26, 9, 21, 45, TimeSpan.Zero);

    [Fact]
    public async Task Translates_order_created_into_its_customer_then_the_order_with_items()
    {
        var changes = await Changes(SallaPayloads.OrderCreated);

        Assert.Equal(2, changes.Count);
        Assert.Equal(new Customer("225167971", OrderCreatedAt, "Mohammed Ali", "usertest@gmail.com", "+966501806978"), changes[0]);
        var order = Assert.IsType<Order>(changes[1]);
        AssertOrder(
            new Order("2116149737", OrderCreatedAt, Merchant, "41027662", CommerceStatus.Pending, "SAR", 196m, "225167971", OrderPlacedAt, []),
            [new OrderItem("70815337", "54534534", "بيتزا", 1, 186m)],
            order);
    }

    [Fact]
    public async Task Translates_order_updated_with_amounts_and_quantities_sent_as_strings()
    {
        var changes = await Changes(SallaPayloads.OrderUpdated);

        var at = new DateTimeOffset(2022, 6, 27, 8, 5, 10, TimeSpan.Zero);
        Assert.Equal(new Customer("225167971", at, "Mohammed Ali", "usertest@gmail.com", "+966501806978"), changes[0]);
        AssertOrder(
            new Order("2116149737", at, Merchant, "41027662", CommerceStatus.Processing, "SAR", 372.50m, "225167971", OrderPlacedAt, []),
            [new OrderItem("70815337", "54534534", "بيتزا", 2, 150.25m), new OrderItem("70815338", null, "قهوة عربية", 1, 57m)],
            Assert.IsType<Order>(changes[1]));
    }

    [Fact]
    public async Task Translates_order_status_updated_from_the_order_nested_in_the_status_entry()
    {
        var changes = await Changes(SallaPayloads.OrderStatusUpdated);

        var at = new DateTimeOffset(2022, 8, 17, 20, 59, 38, TimeSpan.Zero);
        Assert.Equal(new Customer("1779795066", at, "Test Salla", "Test.2022@salla.sa", "+96652318526"), changes[0]);
        AssertOrder(
            new Order("629263027", at, "193718979", "42264", CommerceStatus.Completed, "SAR", 154m, "1779795066",
                new DateTimeOffset(2022, 8, 17, 17, 59, 36, TimeSpan.Zero), []),
            [
                new OrderItem("2105258904", null, "سي كيه وان شوك من كالفن كلاين، فور هي، 100 مل", 1, 120m),
                new OrderItem("1329648281", null, "عطر إترنتي مومنت من كالفن كلاين للنساء، او دي بارفان، 100 مل", 1, 126m),
            ],
            Assert.IsType<Order>(changes[1]));
    }

    [Fact]
    public async Task Translates_order_cancelled_into_a_cancelled_order_without_a_customer_when_none_is_sent()
    {
        var order = Assert.IsType<Order>(Assert.Single(await Changes(SallaPayloads.OrderCancelled)));

        AssertOrder(
            new Order("2116149737", new DateTimeOffset(2022, 6, 27, 7, 0, 0, TimeSpan.Zero), Merchant, "41027662",
                CommerceStatus.Cancelled, "SAR", 196m, null, OrderPlacedAt, []),
            [new OrderItem("70815337", "54534534", "بيتزا", 1, 186m)],
            order);
    }

    [Fact]
    public async Task Order_refunded_is_refunded_whatever_the_slug_says()
    {
        var order = Assert.IsType<Order>(Assert.Single(await Changes(SallaPayloads.OrderRefunded)));

        Assert.Equal(CommerceStatus.Refunded, order.Status);
        Assert.Null(order.PlacedAt);
        Assert.Empty(order.Items);
    }

    [Theory]
    [InlineData("under_review", CommerceStatus.Pending)]
    [InlineData("payment_pending", CommerceStatus.Pending)]
    [InlineData("in_progress", CommerceStatus.Processing)]
    [InlineData("delivering", CommerceStatus.Processing)]
    [InlineData("shipped", CommerceStatus.Processing)]
    [InlineData("delivered", CommerceStatus.Completed)]
    [InlineData("Completed", CommerceStatus.Completed)]
    [InlineData("canceled", CommerceStatus.Cancelled)]
    [InlineData("refunded", CommerceStatus.Refunded)]
    [InlineData("restored", "restored")]
    [InlineData("Custom_Stage", "custom_stage")]
    public async Task Normalises_Salla_order_slugs_where_their_meaning_is_clear(string slug, string expected)
    {
        var order = Assert.IsType<Order>(Assert.Single(await Changes(SallaPayloads.OrderCancelled
            .Replace("\"order.cancelled\"", "\"order.updated\"")
            .Replace("\"slug\": \"canceled\"", $"\"slug\": \"{slug}\""))));

        Assert.Equal(expected, order.Status);
    }

    [Fact]
    public async Task Translates_order_deleted_into_a_tombstone()
    {
        var change = Assert.Single(await Changes(SallaPayloads.OrderDeleted));

        Assert.Equal(new Deletion(CommerceEntity.Order, "2116149737", new DateTimeOffset(2022, 6, 28, 8, 0, 0, TimeSpan.Zero)), change);
    }

    [Fact]
    public async Task Translates_customer_created()
    {
        var change = Assert.Single(await Changes(SallaPayloads.CustomerCreated));

        Assert.Equal(
            new Customer("225167971", new DateTimeOffset(2022, 1, 25, 9, 36, 49, TimeSpan.Zero), "User Mohammed", "test@gmail.com", "+966555555555"),
            change);
    }

    [Fact]
    public async Task Translates_customer_updated_with_a_JavaScript_date_that_names_its_zone()
    {
        var change = Assert.Single(await Changes(SallaPayloads.CustomerUpdated));

        Assert.Equal(
            new Customer("225167971", new DateTimeOffset(2022, 2, 2, 6, 5, 0, TimeSpan.Zero), "سارة العتيبي", "sara@example.sa", "+966512345678"),
            change);
    }

    [Fact]
    public async Task Translates_product_created_and_a_hidden_product_is_inactive()
    {
        var change = Assert.Single(await Changes(SallaPayloads.ProductCreated));

        Assert.Equal(
            new Product("1025569331", new DateTimeOffset(2023, 4, 17, 9, 14, 21, TimeSpan.Zero), "Product-Booking-API-Date-and-Time",
                null, 299m, "SAR", 20, CommerceStatus.Inactive),
            change);
    }

    [Fact]
    public async Task Translates_product_updated_and_a_product_on_sale_is_active()
    {
        var change = Assert.Single(await Changes(SallaPayloads.ProductUpdated));

        Assert.Equal(
            new Product("1025569331", new DateTimeOffset(2023, 4, 18, 5, 0, 0, TimeSpan.Zero), "حجز جلسة تصوير",
                "BK-2023", 349.50m, "SAR", 15, CommerceStatus.Active),
            change);
    }

    [Theory]
    [InlineData("product.available")]
    [InlineData("product.quantity.low")]
    public async Task Reads_the_other_product_events_that_share_the_product_model(string eventName)
    {
        var product = Assert.IsType<Product>(Assert.Single(await Changes(SallaPayloads.ProductUpdated.Replace("product.updated", eventName))));

        Assert.Equal("1025569331", product.ExternalId);
    }

    [Fact]
    public async Task Translates_product_deleted_into_a_tombstone()
    {
        var change = Assert.Single(await Changes(SallaPayloads.ProductDeleted));

        Assert.Equal(new Deletion(CommerceEntity.Product, "1025569331", new DateTimeOffset(2023, 4, 19, 13, 45, 0, TimeSpan.Zero)), change);
    }

    [Fact]
    public async Task Translates_abandoned_cart()
    {
        var change = Assert.Single(await Changes(SallaPayloads.AbandonedCart));

        Assert.Equal(
            new Cart("1097962121", new DateTimeOffset(2025, 1, 21, 15, 0, 32, TimeSpan.Zero), "225167971", 100m, "SAR", CommerceStatus.Abandoned),
            change);
    }

    [Fact]
    public async Task Translates_abandoned_cart_purchased_into_a_recovered_cart()
    {
        var change = Assert.Single(await Changes(SallaPayloads.AbandonedCartPurchased));

        Assert.Equal(
            new Cart("1305879817", new DateTimeOffset(2025, 3, 25, 8, 59, 37, TimeSpan.Zero), null, 34.99m, "SAR", CommerceStatus.Recovered),
            change);
    }

    [Theory]
    [InlineData("Sun Jun 26 2022 12:21:48 GMT+0300")]
    [InlineData("Sun Jun 26 2022 12:21:48 GMT+0300 (Arabia Standard Time)")]
    [InlineData("Sun Jun 26 2022 09:21:48 GMT+0000 (Coordinated Universal Time)")]
    [InlineData("2022-06-26T09:21:48Z")]
    [InlineData("2022-06-26T12:21:48.000+03:00")]
    public async Task Reads_created_at_as_a_JavaScript_or_ISO_8601_date(string createdAt)
    {
        var changes = await Changes(WithCreatedAt(SallaPayloads.OrderCreated, createdAt));

        Assert.All(changes, change => Assert.Equal(OrderCreatedAt, change.SourceUpdatedAt));
    }

    [Theory]
    [InlineData("2022-06-26 12:21:48")]
    [InlineData("2022-06-26 12:21:48.000000")]
    [InlineData("2022-06-26T12:21:48")]
    public async Task Reads_a_created_at_without_offset_as_Riyadh_time(string createdAt)
    {
        var changes = await Changes(WithCreatedAt(SallaPayloads.OrderCreated, createdAt));

        Assert.All(changes, change => Assert.Equal(OrderCreatedAt, change.SourceUpdatedAt));
    }

    [Fact]
    public async Task Converts_the_order_date_from_its_named_zone_to_UTC()
    {
        var order = (await Changes(SallaPayloads.OrderCreated.Replace("\"timezone\": \"Asia/Riyadh\" },\n    \"source\"", "\"timezone\": \"Asia/Dubai\" },\n    \"source\"")))
            .OfType<Order>().Single();

        Assert.Equal(new DateTimeOffset(2022, 6, 26, 8, 21, 45, TimeSpan.Zero), order.PlacedAt);
    }

    [Fact]
    public async Task Refuses_an_order_total_that_is_not_money_naming_the_field()
    {
        var body = SallaPayloads.OrderCreated.Replace("\"total\": { \"amount\": 196, \"currency\": \"SAR\" }", "\"total\": \"abc\"");

        var error = await Assert.ThrowsAsync<JsonException>(() => Translate(body));

        Assert.Equal("$.data.amounts.total", error.Path);
        Assert.Contains("$.data.amounts.total", error.Message);
    }

    [Fact]
    public async Task Refuses_an_order_total_without_an_amount_naming_the_field()
    {
        var body = SallaPayloads.OrderCreated.Replace("\"total\": { \"amount\": 196, \"currency\": \"SAR\" }", "\"total\": { \"currency\": \"SAR\" }");

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Contains("'data.amounts.total.amount'", error.Message);
    }

    [Fact]
    public async Task Refuses_an_item_without_a_quantity_naming_the_item()
    {
        var body = SallaPayloads.OrderUpdated.Replace("\"quantity\": \"1\", ", "");

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Equal("Required field 'data.items[1].quantity' is missing.", error.Message);
    }

    [Fact]
    public async Task Refuses_an_order_without_its_id()
    {
        var body = SallaPayloads.OrderCreated.Replace("\"id\": 2116149737,", "");

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Equal("Required field 'data.id' is missing.", error.Message);
    }

    [Fact]
    public async Task Refuses_a_status_update_whose_order_is_missing()
    {
        const string body = """
            {"event": "order.status.updated", "merchant": 193718979, "created_at": "Wed Aug 17 2022 23:59:38 GMT+0300",
             "data": {"id": 198290473, "status": "تم التنفيذ"}}
            """;

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Equal("Required field 'data.order' is missing.", error.Message);
    }

    [Fact]
    public async Task Refuses_an_order_date_in_a_zone_it_does_not_know_naming_the_field()
    {
        var body = SallaPayloads.OrderCreated.Replace("\"timezone\": \"Asia/Riyadh\" },\n    \"source\"", "\"timezone\": \"Mars/Olympus\" },\n    \"source\"");

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.StartsWith("Field 'data.date.timezone' must be an IANA time zone name", error.Message);
    }

    [Fact]
    public async Task Refuses_a_created_at_it_cannot_read()
    {
        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(WithCreatedAt(SallaPayloads.OrderCreated, "yesterday")));

        Assert.StartsWith("Field 'created_at' must be an ISO 8601 date or a JavaScript date", error.Message);
        Assert.EndsWith("but was 'yesterday'.", error.Message);
    }

    [Fact]
    public async Task Refuses_a_currency_that_is_not_an_ISO_code()
    {
        var body = SallaPayloads.OrderCreated.Replace("\"currency\": \"SAR\",\n    \"amounts\"", "\"currency\": \"ر.س\",\n    \"amounts\"");

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Equal("Field 'data.currency' must be a three-letter ISO 4217 currency code, but was 'ر.س'.", error.Message);
    }

    [Theory]
    [InlineData(SallaPayloads.ShipmentCreated, "shipment.created")]
    [InlineData(SallaPayloads.AppInstalled, "app.installed")]
    [InlineData(SallaPayloads.CustomerLogin, "customer.login")]
    public async Task Ignores_events_with_no_counterpart_naming_them(string body, string eventName)
    {
        var ignored = Assert.IsType<Translation.Ignored>(await Translate(body));

        Assert.Contains($"'{eventName}'", ignored.Reason);
    }

    [Fact]
    public async Task Refuses_an_envelope_without_an_event_name()
    {
        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Translate("""{"merchant": 1, "data": {}}"""));

        Assert.Equal("Required field 'event' is missing.", error.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_throws_JsonException()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Translate("event=order.created&merchant=1"));
    }

    [Fact]
    public void The_Salla_provider_translates_with_this_translator()
    {
        Assert.IsType<SallaTranslator>(new SallaProvider().CreateTranslator(TestSources.Define("salla-shop")));
    }

    private static void AssertOrder(Order expected, OrderItem[] expectedItems, Order actual)
    {
        Assert.Equal(expected with { Items = actual.Items }, actual);
        Assert.Equal(expectedItems, actual.Items);
    }

    private static string WithCreatedAt(string body, string createdAt) =>
        body.Replace("\"created_at\": \"Sun Jun 26 2022 12:21:48 GMT+0300\"", $"\"created_at\": \"{createdAt}\"");

    private static async Task<IReadOnlyList<CommerceChange>> Changes(string body) =>
        Assert.IsType<Translation.Changes>(await Translate(body)).Items;

    private static async Task<Translation> Translate(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var storedEvent = new StoredEvent(
            Guid.NewGuid(), "salla-shop", "salla", "salla", ProviderEventId: null, OrderingKey: "salla-shop", DateTimeOffset.UtcNow,
            "application/json", Headers: "{}", bytes);
        return await new SallaTranslator().TranslateAsync(storedEvent, CancellationToken.None);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using Hookgate.Commerce;
using Hookgate.Processing;
using Hookgate.Providers.BigCommerce;
using Hookgate.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Tests.Providers.BigCommerce;

public sealed class BigCommerceTranslatorTests
{
    private const string Token = "bc-api-token-xyz";
    private const string StoreHash = "abc123";
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeSeconds(1561479340);

    // Orders V2 as documented: money as four-decimal strings, RFC 2822 dates, sub-resources as links.
    private static string OrderJson(
        int statusId = 11,
        string status = "Awaiting Fulfillment",
        long customerId = 11,
        string currencyCode = "USD",
        string defaultCurrencyCode = "USD",
        string externalOrderId = "",
        bool withTotal = true) => $$"""
        {
          "id": 250,
          "customer_id": {{customerId}},
          "date_created": "Tue, 25 Jun 2019 16:15:30 +0000",
          "date_modified": "Tue, 25 Jun 2019 16:16:02 +0000",
          "date_shipped": "",
          "status_id": {{statusId}},
          "status": "{{status}}",
          "custom_status": "{{status}}",
          "subtotal_ex_tax": "79.0000",
          "subtotal_inc_tax": "85.3200",
          "subtotal_tax": "6.3200",
          "base_shipping_cost": "10.0000",
          "shipping_cost_inc_tax": "10.0000",
          "total_ex_tax": "89.0000",
          {{(withTotal ? "\"total_inc_tax\": \"95.3200\"," : "")}}
          "total_tax": "6.3200",
          "items_total": 3,
          "items_shipped": 0,
          "payment_method": "Test Payment Gateway",
          "payment_status": "captured",
          "refunded_amount": "0.0000",
          "order_is_digital": false,
          "ip_address": "12.0.0.1",
          "currency_id": 1,
          "currency_code": "{{currencyCode}}",
          "currency_exchange_rate": "1.0000000000",
          "default_currency_id": 1,
          "default_currency_code": "{{defaultCurrencyCode}}",
          "store_default_currency_code": "USD",
          "discount_amount": "0.0000",
          "is_deleted": false,
          "ebay_order_id": "0",
          "billing_address": { "first_name": "Jane", "last_name": "Doe", "email": "janedoe@example.com", "country_iso2": "US" },
          "order_source": "www",
          "channel_id": 1,
          "external_source": null,
          "external_id": null,
          "external_order_id": "{{externalOrderId}}",
          "products": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/250/products", "resource": "/orders/250/products" },
          "coupons": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/250/coupons", "resource": "/orders/250/coupons" }
        }
        """;

    private const string OrderProductsJson = """
        [
          { "id": 161, "order_id": 250, "product_id": 111, "variant_id": 77, "order_address_id": 51, "name": "Smith Journal 13",
            "sku": "SM-13", "type": "physical", "base_price": "25.0000", "price_ex_tax": "25.0000", "price_inc_tax": "27.0000",
            "price_tax": "2.0000", "total_inc_tax": "54.0000", "quantity": 2, "is_refunded": false, "quantity_refunded": 0,
            "product_options": [] },
          { "id": 162, "order_id": 250, "product_id": 0, "variant_id": 0, "order_address_id": 51, "name": "Gift wrap",
            "sku": "", "type": "physical", "base_price": "29.0000", "price_ex_tax": "29.0000", "price_inc_tax": "31.3200",
            "price_tax": "2.3200", "total_inc_tax": "31.3200", "quantity": 1, "is_refunded": false, "quantity_refunded": 0,
            "product_options": [] }
        ]
        """;

    // Customers V3: a filtered list with pagination metadata.
    private const string CustomersJson = """
        {
          "data": [
            { "id": 11, "authentication": { "force_password_reset": false }, "company": "", "customer_group_id": 0,
              "email": "janedoe@example.com", "first_name": "Jane", "last_name": "Doe", "notes": "", "phone": "+1 512 555 0100",
              "registration_ip_address": "12.0.0.1", "tax_exempt_category": "", "date_created": "2019-06-20T09:00:00Z",
              "date_modified": "2019-06-25T16:20:11Z", "accepts_product_review_abandoned_cart_emails": false, "channel_ids": [1] }
          ],
          "meta": { "pagination": { "total": 1, "count": 1, "per_page": 50, "current_page": 1, "total_pages": 1 } }
        }
        """;

    // Catalog V3: one product wrapped in {"data": ...}; prices are numbers here, unlike Orders V2.
    private static string ProductJson(bool isVisible = true, string inventoryTracking = "product") => $$"""
        {
          "data": {
            "id": 111, "name": "Smith Journal 13", "type": "physical", "sku": "SM-13", "description": "<p>A journal.</p>",
            "weight": 1, "price": 25.5, "cost_price": 0, "retail_price": 0, "sale_price": 0, "calculated_price": 25.5,
            "inventory_level": 12, "inventory_warning_level": 2, "inventory_tracking": "{{inventoryTracking}}",
            "is_visible": {{(isVisible ? "true" : "false")}}, "is_featured": false, "availability": "available",
            "date_created": "2018-08-15T14:49:05+00:00", "date_modified": "2019-06-25T16:30:00+00:00",
            "categories": [23], "variants": []
          },
          "meta": {}
        }
        """;

    private static StoredEvent Webhook(string scope, string type = "order", string id = "250", string producer = "stores/" + StoreHash)
    {
        var body = $$"""
            {"scope":"{{scope}}","store_id":"1025646","data":{"type":"{{type}}","id":{{id}}},"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1561479335,"producer":"{{producer}}"}
            """;
        return new StoredEvent(Guid.NewGuid(), "test", "bigcommerce", scope, "dd70c0976e06b67aaf671e73f49dcb79230ebf9d",
            $"{producer}:{type}:{id}", ReceivedAt, "application/json", "{}", Encoding.UTF8.GetBytes(body));
    }

    private static IEventTranslator Translator(LoopbackApi api, params (string Key, string Value)[] settings) =>
        TestSources.Translator(
            new BigCommerceProvider(TestSources.HttpClientFactory),
            [("Secrets:0", "bc-secret"), ("Header", "X-Hookgate-Secret"), ("AccessToken", Token), ("ApiBaseUrl", api.BaseUrl.ToString()), .. settings]);

    private static Task<LoopbackApi> OrderApi(string order, string? products = OrderProductsJson) => LoopbackApi.StartAsync(app =>
    {
        app.MapGet("/stores/{hash}/v2/orders/{id}", () => Results.Text(order, "application/json"));
        app.MapGet("/stores/{hash}/v2/orders/{id}/products", () => products is null ? Results.NoContent() : Results.Text(products, "application/json"));
    });

    private static T Single<T>(Translation translation) =>
        Assert.IsType<T>(Assert.Single(Assert.IsType<Translation.Changes>(translation).Items));

    [Theory]
    [InlineData("store/order/created")]
    [InlineData("store/order/updated")]
    [InlineData("store/order/statusUpdated")]
    public async Task Translates_an_order_webhook_into_the_order_and_its_lines_read_from_the_API(string scope)
    {
        await using var api = await OrderApi(OrderJson());

        var order = Single<Order>(await Translator(api).TranslateAsync(Webhook(scope), CancellationToken.None));

        Assert.Equal("250", order.ExternalId);
        Assert.Equal(new DateTimeOffset(2019, 6, 25, 16, 16, 2, TimeSpan.Zero), order.SourceUpdatedAt);
        Assert.Equal("1025646", order.StoreId);
        Assert.Equal("250", order.Reference);
        Assert.Equal(CommerceStatus.Processing, order.Status);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(95.32m, order.TotalAmount);
        Assert.Equal("11", order.CustomerExternalId);
        Assert.Equal(new DateTimeOffset(2019, 6, 25, 16, 15, 30, TimeSpan.Zero), order.PlacedAt);
        Assert.Equal(
            [new OrderItem("161", "SM-13", "Smith Journal 13", 2, 27.00m), new OrderItem("162", null, "Gift wrap", 1, 31.32m)],
            order.Items);
        Assert.Equal(
            ["GET /stores/abc123/v2/orders/250", "GET /stores/abc123/v2/orders/250/products?limit=250&page=1"],
            api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(api.Requests, r => Assert.Equal(Token, r.AuthToken));
    }

    [Theory]
    [InlineData(10, "Completed", CommerceStatus.Completed)]
    [InlineData(2, "Shipped", CommerceStatus.Completed)]
    [InlineData(5, "Cancelled", CommerceStatus.Cancelled)]
    [InlineData(6, "Declined", CommerceStatus.Cancelled)]
    [InlineData(4, "Refunded", CommerceStatus.Refunded)]
    [InlineData(1, "Pending", CommerceStatus.Pending)]
    [InlineData(7, "Awaiting Payment", CommerceStatus.Pending)]
    [InlineData(11, "Awaiting Fulfillment", CommerceStatus.Processing)]
    [InlineData(9, "Awaiting Shipment", CommerceStatus.Processing)]
    [InlineData(3, "Partially Shipped", CommerceStatus.Processing)]
    [InlineData(13, "Disputed", "disputed")]
    [InlineData(14, "Partially Refunded", "partially refunded")]
    public async Task Maps_BigCommerce_order_statuses_to_ours(int statusId, string status, string expected)
    {
        await using var api = await OrderApi(OrderJson(statusId, status));

        var order = Single<Order>(await Translator(api).TranslateAsync(Webhook("store/order/statusUpdated"), CancellationToken.None));

        Assert.Equal(expected, order.Status);
    }

    [Fact]
    public async Task A_guest_order_has_no_customer()
    {
        await using var api = await OrderApi(OrderJson(customerId: 0));

        var order = Single<Order>(await Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None));

        Assert.Null(order.CustomerExternalId);
    }

    [Fact]
    public async Task An_order_placed_elsewhere_keeps_its_external_reference_and_is_in_the_currency_paid()
    {
        await using var api = await OrderApi(OrderJson(currencyCode: "EUR", defaultCurrencyCode: "GBP", externalOrderId: "AMZ-114-5550123"));

        var order = Single<Order>(await Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None));

        Assert.Equal("250", order.ExternalId);
        Assert.Equal("AMZ-114-5550123", order.Reference);
        Assert.Equal("GBP", order.Currency);
    }

    [Fact]
    public async Task An_order_without_lines_has_no_items()
    {
        await using var api = await OrderApi(OrderJson(), products: null);

        var order = Single<Order>(await Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None));

        Assert.Empty(order.Items);
    }

    [Theory]
    [InlineData("store/customer/created")]
    [InlineData("store/customer/updated")]
    public async Task Translates_a_customer_webhook_into_the_customer_read_from_the_API(string scope)
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v3/customers", () => Results.Text(CustomersJson, "application/json")));

        var customer = Single<Customer>(await Translator(api).TranslateAsync(Webhook(scope, "customer", "11"), CancellationToken.None));

        Assert.Equal(new Customer("11", new DateTimeOffset(2019, 6, 25, 16, 20, 11, TimeSpan.Zero), "Jane Doe", "janedoe@example.com", "+1 512 555 0100"), customer);
        var request = Assert.Single(api.Requests);
        Assert.Equal("GET /stores/abc123/v3/customers?id:in=11", $"{request.Method} {request.PathAndQuery}");
        Assert.Equal(Token, request.AuthToken);
    }

    [Fact]
    public async Task A_customer_the_API_does_not_list_yet_is_retried()
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v3/customers", () => Results.Text("""{"data":[],"meta":{"pagination":{"total":0}}}""", "application/json")));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => Translator(api).TranslateAsync(Webhook("store/customer/updated", "customer", "11"), CancellationToken.None).AsTask());

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Theory]
    [InlineData("store/product/created")]
    [InlineData("store/product/updated")]
    public async Task Translates_a_product_webhook_into_the_product_read_from_the_catalog(string scope)
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v3/catalog/products/{id}", () => Results.Text(ProductJson(), "application/json")));

        var product = Single<Product>(await Translator(api).TranslateAsync(Webhook(scope, "product", "111"), CancellationToken.None));

        Assert.Equal(
            new Product("111", new DateTimeOffset(2019, 6, 25, 16, 30, 0, TimeSpan.Zero), "Smith Journal 13", "SM-13", 25.5m, null, 12, CommerceStatus.Active),
            product);
        var request = Assert.Single(api.Requests);
        Assert.Equal("GET /stores/abc123/v3/catalog/products/111", $"{request.Method} {request.PathAndQuery}");
        Assert.Equal(Token, request.AuthToken);
    }

    [Fact]
    public async Task A_hidden_untracked_product_is_inactive_with_no_quantity()
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v3/catalog/products/{id}", () => Results.Text(ProductJson(isVisible: false, inventoryTracking: "none"), "application/json")));

        var product = Single<Product>(await Translator(api).TranslateAsync(Webhook("store/product/updated", "product", "111"), CancellationToken.None));

        Assert.Equal(CommerceStatus.Inactive, product.Status);
        Assert.Null(product.Quantity);
    }

    [Fact]
    public async Task A_configured_store_hash_is_used_instead_of_the_producer()
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v3/catalog/products/{id}", () => Results.Text(ProductJson(), "application/json")));

        await Translator(api, ("StoreHash", "configured9")).TranslateAsync(Webhook("store/product/updated", "product", "111", producer: "stores/other"), CancellationToken.None);

        Assert.Equal("/stores/configured9/v3/catalog/products/111", Assert.Single(api.Requests).PathAndQuery);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task An_API_outage_or_throttling_is_thrown_for_a_retry(int status)
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v2/orders/{id}", () => Results.StatusCode(status)));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None).AsTask());

        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
    }

    [Fact]
    public async Task A_hanging_API_is_abandoned_after_the_request_timeout()
    {
        await using var api = await LoopbackApi.StartAsync(app => app.MapGet("/stores/{hash}/v2/orders/{id}", LoopbackApi.Hang));
        var translator = Translator(api, ("RequestTimeoutSeconds", "1"));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => translator.TranslateAsync(Webhook("store/order/created"), CancellationToken.None).AsTask());

        // Generous: only proves the call did not wait for HttpClient's 100 s default.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"Took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task A_resource_not_found_yet_is_thrown_for_a_retry()
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v2/orders/{id}", () => Results.Json(new { status = 404, title = "The requested resource was not found." }, statusCode: 404)));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None).AsTask());

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_refused_token_is_thrown_naming_the_setting_to_fix(int status)
    {
        await using var api = await LoopbackApi.StartAsync(app =>
            app.MapGet("/stores/{hash}/v2/orders/{id}", () => Results.StatusCode(status)));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None).AsTask());

        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Contains("refused the access token", exception.Message);
        Assert.Contains("Hookgate:Sources:test:AccessToken", exception.Message);
        Assert.DoesNotContain(Token, exception.Message);
    }

    [Fact]
    public async Task An_order_missing_a_required_field_is_invalid_and_names_it()
    {
        await using var api = await OrderApi(OrderJson(withTotal: false));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(
            () => Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None).AsTask());

        Assert.Contains("total_inc_tax", exception.Message);
    }

    [Fact]
    public async Task An_order_date_that_is_not_RFC_2822_is_invalid_and_names_the_field()
    {
        await using var api = await OrderApi(OrderJson().Replace("Tue, 25 Jun 2019 16:16:02 +0000", "2019-06-25 16:16"));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(
            () => Translator(api).TranslateAsync(Webhook("store/order/created"), CancellationToken.None).AsTask());

        Assert.Contains("date_modified", exception.Message);
    }

    [Theory]
    [InlineData("store/customer/deleted", "customer", CommerceEntity.Customer)]
    [InlineData("store/product/deleted", "product", CommerceEntity.Product)]
    [InlineData("store/order/archived", "order", CommerceEntity.Order)]
    public async Task A_deletion_becomes_a_tombstone_without_calling_the_API(string scope, string type, CommerceEntity entity)
    {
        await using var api = await LoopbackApi.StartAsync(_ => { });

        var deletion = Single<Deletion>(await Translator(api).TranslateAsync(Webhook(scope, type, "77"), CancellationToken.None));

        Assert.Equal(new Deletion(entity, "77", DateTimeOffset.FromUnixTimeSeconds(1561479335)), deletion);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("store/cart/created", "cart", "\"09346904-4175-44fd-be53-f7e598531b6c\"")]
    [InlineData("store/customer/address/deleted", "customer", "11")]
    [InlineData("store/product/inventory/updated", "product", "111")]
    [InlineData("store/app/uninstalled", "store", "0")]
    public async Task A_scope_with_no_counterpart_is_ignored_without_calling_the_API(string scope, string type, string id)
    {
        await using var api = await LoopbackApi.StartAsync(_ => { });

        var translation = await Translator(api).TranslateAsync(Webhook(scope, type, id), CancellationToken.None);

        Assert.Contains(scope, Assert.IsType<Translation.Ignored>(translation).Reason);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void A_source_without_an_access_token_does_not_start()
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => TestSources.Translator(
            new BigCommerceProvider(TestSources.HttpClientFactory), ("Secrets:0", "bc-secret"), ("Header", "X-Hookgate-Secret")));

        Assert.Contains("Hookgate:Sources:test:AccessToken", exception.Message);
    }

    [Fact]
    public void A_source_that_would_send_its_token_in_clear_does_not_start()
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => TestSources.Translator(
            new BigCommerceProvider(TestSources.HttpClientFactory), ("AccessToken", Token), ("ApiBaseUrl", "http://api.bigcommerce.com")));

        Assert.Contains("Hookgate:Sources:test:ApiBaseUrl", exception.Message);
    }
}

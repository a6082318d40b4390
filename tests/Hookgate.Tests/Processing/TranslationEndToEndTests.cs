using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hookgate.Processing;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;
using Hookgate.Tests.Providers.Salla;
using Hookgate.Tests.Providers.Shopify;
using Hookgate.Tests.Providers.Stripe;

namespace Hookgate.Tests.Processing;

/// <summary>
/// Every listed event type of every provider, posted signed over HTTP to a running gateway, reaches its domain
/// table on the real database. (BigCommerce and PayFast, which call out to provider APIs, are covered in
/// <see cref="ProcessingTests"/>; each translator's field mapping in its own unit tests.)
/// </summary>
public abstract class TranslationEndToEndTests(TranslationFixture fixture)
{
    public static TheoryData<string> Cases => new(Deliveries.Keys);

    private static readonly Dictionary<string, (string Source, Func<Delivery> Delivery, string Table, string ExternalId)> Deliveries = new()
    {
        ["salla order.created"] = ("salla", () => Salla(SallaPayloads.OrderCreated), "orders", "2116149737"),
        ["salla order.updated"] = ("salla", () => Salla(SallaPayloads.OrderUpdated), "orders", "2116149737"),
        ["salla order.status.updated"] = ("salla", () => Salla(SallaPayloads.OrderStatusUpdated), "orders", OrderOfStatusUpdate()),
        ["salla order.cancelled"] = ("salla", () => Salla(SallaPayloads.OrderCancelled), "orders", "2116149737"),
        ["salla order.deleted"] = ("salla", () => Salla(SallaPayloads.OrderDeleted), "orders", "2116149737"),
        ["salla customer.created"] = ("salla", () => Salla(SallaPayloads.CustomerCreated), "customers", "225167971"),
        ["salla customer.updated"] = ("salla", () => Salla(SallaPayloads.CustomerUpdated), "customers", "225167971"),
        ["salla product.created"] = ("salla", () => Salla(SallaPayloads.ProductCreated), "products", "1025569331"),
        ["salla product.updated"] = ("salla", () => Salla(SallaPayloads.ProductUpdated), "products", "1025569331"),
        ["salla product.deleted"] = ("salla", () => Salla(SallaPayloads.ProductDeleted), "products", "1025569331"),
        ["salla abandoned.cart"] = ("salla", () => Salla(SallaPayloads.AbandonedCart), "carts", "1097962121"),
        ["salla abandoned.cart.purchased"] = ("salla", () => Salla(SallaPayloads.AbandonedCartPurchased), "carts", "1305879817"),
        ["stripe payment_intent.succeeded"] = ("stripe", () => Stripe("payment_intent.succeeded", StripeTranslatorTests.PaymentIntent()), "payments", StripePaymentIntent),
        ["stripe payment_intent.payment_failed"] = ("stripe", () => Stripe("payment_intent.payment_failed", StripeTranslatorTests.PaymentIntent(amountReceived: "0")), "payments", StripePaymentIntent),
        ["stripe charge.refunded"] = ("stripe", () => Stripe("charge.refunded", StripeTranslatorTests.Charge(amountRefunded: "2000")), "payments", StripePaymentIntent),
        ["stripe checkout.session.completed"] = ("stripe", () => Stripe("checkout.session.completed", StripeTranslatorTests.CheckoutSession()), "customers", "cus_Q8sLZ4bKpW1xYz"),
        ["shopify orders/create"] = ("shopify", () => Shopify("orders/create", ShopifyTranslatorTests.Order), "orders", "820982911946154508"),
        ["shopify orders/updated"] = ("shopify", () => Shopify("orders/updated", ShopifyTranslatorTests.Order), "orders", "820982911946154508"),
        ["shopify orders/cancelled"] = ("shopify", () => Shopify("orders/cancelled", ShopifyTranslatorTests.Order), "orders", "820982911946154508"),
        ["shopify customers/create"] = ("shopify", () => Shopify("customers/create", ShopifyTranslatorTests.CustomerBody), "customers", "706405506930370084"),
        ["shopify customers/update"] = ("shopify", () => Shopify("customers/update", ShopifyTranslatorTests.CustomerBody), "customers", "706405506930370084"),
        ["shopify products/create"] = ("shopify", () => Shopify("products/create", ShopifyTranslatorTests.ProductBody), "products", "788032119674292922"),
        ["shopify products/update"] = ("shopify", () => Shopify("products/update", ShopifyTranslatorTests.ProductBody), "products", "788032119674292922"),
    };

    private const string StripePaymentIntent = "pi_3PqRsT2eZvKYlo2C1x2y3z4w";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Lands_in_its_domain_table(string name)
    {
        var (source, delivery, table, externalId) = Deliveries[name];

        var response = await fixture.Gateway.Client.SendAsync(delivery().ToRequest($"/webhooks/{source}"));

        var receipt = await ReceivingTests.ReadReceiptAsync(response, HttpStatusCode.OK);
        string? status = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); status is not (EventStatus.Succeeded or EventStatus.DeadLettered) && DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            status = await fixture.Database.ScalarAsync<string>("SELECT status FROM inbox_status WHERE event_id = @id", ("id", receipt.Id));
        }

        var error = await fixture.Database.ScalarAsync<string>("SELECT last_error FROM inbox_status WHERE event_id = @id", ("id", receipt.Id));
        Assert.True(status == EventStatus.Succeeded, $"{name} ended {status}: {error}");
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>(
            $"SELECT COUNT(*) FROM {table} WHERE source = @source AND external_id = @id", ("source", source), ("id", externalId)));
    }

    [Fact]
    public async Task Lands_a_Salla_order_with_its_items_and_its_customer()
    {
        var receipt = await ReceivingTests.ReadReceiptAsync(
            await fixture.Gateway.Client.SendAsync(Salla(SallaPayloads.OrderCreated.Replace("2116149737", "777000111", StringComparison.Ordinal)).ToRequest("/webhooks/salla")), HttpStatusCode.OK);

        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (await fixture.Database.ScalarAsync<string>("SELECT status FROM inbox_status WHERE event_id = @id", ("id", receipt.Id)) == EventStatus.Succeeded)
            {
                break;
            }
        }

        Assert.Equal("SAR", await fixture.Database.ScalarAsync<string>("SELECT currency FROM orders WHERE source = 'salla' AND external_id = '777000111'"));
        Assert.True(await fixture.Database.ScalarAsync<int>(
            "SELECT COUNT(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.source = 'salla' AND o.external_id = '777000111'") > 0);
        var customer = await fixture.Database.ScalarAsync<string>("SELECT customer_external_id FROM orders WHERE source = 'salla' AND external_id = '777000111'");
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>("SELECT COUNT(*) FROM customers WHERE source = 'salla' AND external_id = @id", ("id", customer!)));
    }

    private static string OrderOfStatusUpdate() =>
        Hookgate.Providers.JsonProbe.Read(Encoding.UTF8.GetBytes(SallaPayloads.OrderStatusUpdated), "data.order.id")!;

    private static Delivery Salla(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new Delivery(bytes, "application/json", ("X-Salla-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-salla-secret"), bytes))));
    }

    private static Delivery Stripe(string type, string dataObject)
    {
        // Each case its own Stripe event id: Stripe's id is the dedup key.
        var bytes = Encoding.UTF8.GetBytes(StripeTranslatorTests.Event(type, dataObject).Replace("evt_1PqRsT2eZvKYlo2C0a1b2c3d", "evt_" + type.Replace('.', '_'), StringComparison.Ordinal));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_test_stripe_secret"), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. bytes]));
        return new Delivery(bytes, "application/json", ("Stripe-Signature", $"t={timestamp},v1={signature}"));
    }

    private static Delivery Shopify(string topic, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new Delivery(bytes, "application/json",
            ("X-Shopify-Topic", topic), ("X-Shopify-Shop-Domain", "acme.myshopify.com"), ("X-Shopify-Webhook-Id", Guid.NewGuid().ToString()),
            ("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-shopify-secret"), bytes))));
    }
}

public abstract class TranslationFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public Gateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Gateway = await Gateway.StartAsync(Database, [.. TestProvider.Salla.Arguments, .. TestProvider.Stripe.Arguments, .. TestProvider.Shopify.Arguments]);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteTranslationFixture() : TranslationFixture(DatabaseProvider.Sqlite);

public sealed class PostgresTranslationFixture() : TranslationFixture(DatabaseProvider.Postgres);

public sealed class SqliteTranslationEndToEndTests(SqliteTranslationFixture fixture) : TranslationEndToEndTests(fixture), IClassFixture<SqliteTranslationFixture>;

public sealed class PostgresTranslationEndToEndTests(PostgresTranslationFixture fixture) : TranslationEndToEndTests(fixture), IClassFixture<PostgresTranslationFixture>;

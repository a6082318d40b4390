using System.Globalization;
using System.Text;
using System.Text.Json;
using Hookgate.Commerce;
using Hookgate.Processing;
using Hookgate.Providers;
using Hookgate.Providers.Stripe;

namespace Hookgate.Tests.Providers.Stripe;

public sealed class StripeTranslatorTests
{
    private const long Created = 1717000000;
    private static readonly DateTimeOffset CreatedAt = DateTimeOffset.FromUnixTimeSeconds(Created);

    // Shaped on Stripe's API reference: the PaymentIntent, Charge and Checkout Session objects, with fields we do not
    // map left in so that tolerating them is tested too.
    internal static string PaymentIntent(string currency = "usd", string amount = "2000", string amountReceived = "2000", string metadata = """{"order_id":"ord_1001"}""") => $$"""
        {
          "id": "pi_3PqRsT2eZvKYlo2C1x2y3z4w",
          "object": "payment_intent",
          "amount": {{amount}},
          "amount_capturable": 0,
          "amount_details": {"tip": { } },
          "amount_received": {{amountReceived}},
          "application": null,
          "capture_method": "automatic_async",
          "client_secret": "pi_3PqRsT2eZvKYlo2C1x2y3z4w_secret_abc",
          "confirmation_method": "automatic",
          "created": 1716999990,
          "currency": "{{currency}}",
          "customer": "cus_Q8sLZ4bKpW1xYz",
          "description": null,
          "last_payment_error": null,
          "latest_charge": "ch_3PqRsT2eZvKYlo2C1a2b3c4d",
          "livemode": false,
          "metadata": {{metadata}},
          "payment_method": "pm_1PqRsS2eZvKYlo2CkLmNoPqR",
          "payment_method_types": ["card"],
          "status": "succeeded"
        }
        """;

    internal static string Charge(string amountRefunded, string paymentIntent = "\"pi_3PqRsT2eZvKYlo2C1x2y3z4w\"") => $$"""
        {
          "id": "ch_3PqRsT2eZvKYlo2C1a2b3c4d",
          "object": "charge",
          "amount": 2000,
          "amount_captured": 2000,
          "amount_refunded": {{amountRefunded}},
          "balance_transaction": "txn_3PqRsT2eZvKYlo2C1e2f3g4h",
          "billing_details": {"address": {"city": null, "country": "US", "line1": null, "line2": null, "postal_code": "94103", "state": null}, "email": "jenny@example.com", "name": "Jenny Rosen", "phone": null},
          "captured": true,
          "created": 1716999991,
          "currency": "usd",
          "customer": "cus_Q8sLZ4bKpW1xYz",
          "metadata": {"order_id": "ord_1001"},
          "paid": true,
          "payment_intent": {{paymentIntent}},
          "payment_method_details": {"card": {"brand": "visa", "last4": "4242"}, "type": "card"},
          "refunded": {{(amountRefunded == "2000" ? "true" : "false")}},
          "status": "succeeded"
        }
        """;

    internal static string CheckoutSession(string mode = "payment", string customer = "\"cus_Q8sLZ4bKpW1xYz\"", string paymentIntent = "\"pi_3PqRsT2eZvKYlo2C1x2y3z4w\"", string paymentStatus = "paid", string amountTotal = "4500", string currency = "\"eur\"") => $$"""
        {
          "id": "cs_test_a1b2c3d4e5f6g7h8i9j0",
          "object": "checkout.session",
          "amount_subtotal": {{amountTotal}},
          "amount_total": {{amountTotal}},
          "client_reference_id": null,
          "created": 1716999900,
          "currency": {{currency}},
          "customer": {{customer}},
          "customer_creation": "if_required",
          "customer_details": {"address": {"city": "Berlin", "country": "DE", "line1": "Unter den Linden 1", "line2": null, "postal_code": "10117", "state": null}, "email": "jenny@example.com", "name": "Jenny Rosen", "phone": "+4930123456", "tax_exempt": "none", "tax_ids": []},
          "expires_at": 1717086300,
          "livemode": false,
          "metadata": {"order_id": "ord_2002"},
          "mode": "{{mode}}",
          "payment_intent": {{paymentIntent}},
          "payment_status": "{{paymentStatus}}",
          "status": "complete",
          "success_url": "https://example.com/success",
          "url": null
        }
        """;

    internal static string Event(string type, string dataObject) => $$"""
        {
          "id": "evt_1PqRsT2eZvKYlo2C0a1b2c3d",
          "object": "event",
          "api_version": "2024-06-20",
          "created": {{Created}},
          "data": {"object": {{dataObject}} },
          "livemode": false,
          "pending_webhooks": 1,
          "request": {"id": "req_6tH7k2Lm9N0pQr", "idempotency_key": "7a2b6c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d"},
          "type": "{{type}}"
        }
        """;

    [Fact]
    public void The_Stripe_provider_supplies_its_translator()
    {
        IWebhookProvider provider = new StripeProvider();

        Assert.IsType<StripeTranslator>(provider.CreateTranslator(TestSources.Define("payments")));
    }

    [Fact]
    public async Task Maps_a_succeeded_payment_intent_to_a_succeeded_payment()
    {
        var translation = await Translate(Event("payment_intent.succeeded", PaymentIntent()));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(translation)));
        Assert.Equal(new Payment("pi_3PqRsT2eZvKYlo2C1x2y3z4w", CreatedAt, "ord_1001", 20.00m, "USD", CommerceStatus.Succeeded), payment);
        Assert.Equal("20.00", payment.Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, payment.SourceUpdatedAt.Offset);
    }

    [Theory]
    [InlineData("usd", 2000, "20.00", "USD")]
    [InlineData("jpy", 1500, "1500", "JPY")]
    [InlineData("krw", 50000, "50000", "KRW")]
    [InlineData("kwd", 5120, "5.120", "KWD")]
    [InlineData("isk", 50000, "500.00", "ISK")]
    public async Task Converts_minor_units_by_the_exponent_Stripe_uses_for_the_currency(string currency, long minorUnits, string expected, string isoCode)
    {
        var body = Event("payment_intent.succeeded", PaymentIntent(currency, $"{minorUnits}", $"{minorUnits}"));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(await Translate(body))));

        Assert.Equal(expected, payment.Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(isoCode, payment.Currency);
    }

    [Fact]
    public async Task A_payment_intent_without_an_order_id_in_its_metadata_has_no_order()
    {
        var body = Event("payment_intent.succeeded", PaymentIntent("jpy", "1500", "1500", metadata: "{}"));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(await Translate(body))));

        Assert.Equal(new Payment("pi_3PqRsT2eZvKYlo2C1x2y3z4w", CreatedAt, null, 1500m, "JPY", CommerceStatus.Succeeded), payment);
    }

    [Fact]
    public async Task Maps_a_failed_payment_intent_to_a_failed_payment_of_the_amount_asked()
    {
        var translation = await Translate(Event("payment_intent.payment_failed", PaymentIntent("usd", "3099", "0")));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(translation)));
        Assert.Equal(new Payment("pi_3PqRsT2eZvKYlo2C1x2y3z4w", CreatedAt, "ord_1001", 30.99m, "USD", CommerceStatus.Failed), payment);
    }

    [Fact]
    public async Task A_fully_refunded_charge_marks_its_payment_intent_refunded()
    {
        var translation = await Translate(Event("charge.refunded", Charge(amountRefunded: "2000")));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(translation)));
        Assert.Equal(new Payment("pi_3PqRsT2eZvKYlo2C1x2y3z4w", CreatedAt, "ord_1001", 20.00m, "USD", CommerceStatus.Refunded), payment);
    }

    [Fact]
    public async Task A_partly_refunded_charge_marks_its_payment_intent_partially_refunded()
    {
        var translation = await Translate(Event("charge.refunded", Charge(amountRefunded: "500")));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(translation)));
        Assert.Equal(new Payment("pi_3PqRsT2eZvKYlo2C1x2y3z4w", CreatedAt, "ord_1001", 20.00m, "USD", "partially_refunded"), payment);
    }

    [Fact]
    public async Task A_refunded_charge_without_a_payment_intent_is_keyed_by_the_charge()
    {
        var translation = await Translate(Event("charge.refunded", Charge(amountRefunded: "2000", paymentIntent: "null")));

        var payment = Assert.IsType<Payment>(Assert.Single(Changes(translation)));
        Assert.Equal("ch_3PqRsT2eZvKYlo2C1a2b3c4d", payment.ExternalId);
    }

    [Fact]
    public async Task A_paid_checkout_session_gives_its_customer_then_a_succeeded_payment()
    {
        var changes = Changes(await Translate(Event("checkout.session.completed", CheckoutSession())));

        Assert.Equal(2, changes.Count);
        Assert.Equal(new Customer("cus_Q8sLZ4bKpW1xYz", CreatedAt, "Jenny Rosen", "jenny@example.com", "+4930123456"), changes[0]);
        Assert.Equal(new Payment("pi_3PqRsT2eZvKYlo2C1x2y3z4w", CreatedAt, "ord_2002", 45.00m, "EUR", CommerceStatus.Succeeded), changes[1]);
    }

    [Fact]
    public async Task A_guest_checkout_awaiting_payment_is_keyed_by_email_and_session_with_Stripe_s_payment_status()
    {
        var body = Event("checkout.session.completed", CheckoutSession(customer: "null", paymentIntent: "null", paymentStatus: "unpaid"));

        var changes = Changes(await Translate(body));

        Assert.Equal(2, changes.Count);
        Assert.Equal(new Customer("jenny@example.com", CreatedAt, "Jenny Rosen", "jenny@example.com", "+4930123456"), changes[0]);
        Assert.Equal(new Payment("cs_test_a1b2c3d4e5f6g7h8i9j0", CreatedAt, "ord_2002", 45.00m, "EUR", "unpaid"), changes[1]);
    }

    [Fact]
    public async Task A_setup_mode_checkout_session_moves_no_money_and_gives_only_the_customer()
    {
        var body = Event("checkout.session.completed", CheckoutSession(mode: "setup", paymentIntent: "null", paymentStatus: "no_payment_required", amountTotal: "null", currency: "null"));

        var changes = Changes(await Translate(body));

        Assert.Equal(new Customer("cus_Q8sLZ4bKpW1xYz", CreatedAt, "Jenny Rosen", "jenny@example.com", "+4930123456"), Assert.Single(changes));
    }

    [Fact]
    public async Task Ignores_an_event_type_with_no_commerce_meaning()
    {
        var body = Event("customer.subscription.created", """{"id": "sub_1PqRsT2eZvKYlo2C", "object": "subscription", "status": "active"}""");

        var ignored = Assert.IsType<Translation.Ignored>(await Translate(body));

        Assert.Contains("customer.subscription.created", ignored.Reason);
    }

    [Fact]
    public async Task An_amount_that_became_an_object_fails_at_its_path()
    {
        var body = Event("payment_intent.payment_failed", PaymentIntent(amount: """{"value": 2000, "currency": "usd"}"""));

        var exception = await Assert.ThrowsAsync<JsonException>(() => Translate(body));

        Assert.Equal("$.data.object.amount", exception.Path);
    }

    [Fact]
    public async Task A_missing_amount_names_the_field()
    {
        var body = Event("payment_intent.payment_failed", PaymentIntent().Replace("\"amount\": 2000,", ""));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Equal("Required field 'data.object.amount' is missing.", exception.Message);
    }

    [Fact]
    public async Task A_missing_currency_names_the_field()
    {
        var body = Event("charge.refunded", Charge("2000").Replace("\"currency\": \"usd\",", ""));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Contains("'data.object.currency'", exception.Message);
    }

    [Fact]
    public async Task An_event_without_its_object_names_data_object()
    {
        var body = """{"id": "evt_1PqRsT2eZvKYlo2C0a1b2c3d", "object": "event", "created": 1717000000, "data": {}, "type": "payment_intent.succeeded"}""";

        var exception = await Assert.ThrowsAsync<InvalidEventException>(() => Translate(body));

        Assert.Contains("'data.object'", exception.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_fails_as_JSON()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Translate("<html><body>502 Bad Gateway</body></html>"));
    }

    private static async Task<Translation> Translate(string body)
    {
        IWebhookProvider provider = new StripeProvider();
        var translator = provider.CreateTranslator(TestSources.Define("payments"))!;
        var storedEvent = new StoredEvent(
            Id: Guid.NewGuid(),
            Source: "payments",
            Provider: "stripe",
            EventType: JsonProbeType(body),
            ProviderEventId: "evt_1PqRsT2eZvKYlo2C0a1b2c3d",
            OrderingKey: "pi_3PqRsT2eZvKYlo2C1x2y3z4w",
            ReceivedAt: CreatedAt.AddSeconds(2),
            ContentType: "application/json",
            Headers: """{"Stripe-Signature":["t=1717000000,v1=00"]}""",
            Body: Encoding.UTF8.GetBytes(body));
        return await translator.TranslateAsync(storedEvent, CancellationToken.None);
    }

    // The receiver stores the body's type as the event type; the translator reads the body, but keep them alike.
    private static string JsonProbeType(string body) => JsonProbe.Read(Encoding.UTF8.GetBytes(body), "type") ?? "unknown";

    private static IReadOnlyList<CommerceChange> Changes(Translation translation) =>
        Assert.IsType<Translation.Changes>(translation).Items;
}

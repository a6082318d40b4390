using System.Text;
using BenchmarkDotNet.Attributes;
using Hookgate.Processing;
using Hookgate.Providers.Salla;
using Hookgate.Providers.Shopify;
using Hookgate.Providers.Stripe;

namespace Hookgate.Benchmarks;

/// <summary>The worker's per-event translation of a stored event into commerce changes, for the three store providers.</summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private IEventTranslator sallaTranslator = null!;
    private IEventTranslator stripeTranslator = null!;
    private IEventTranslator shopifyTranslator = null!;
    private StoredEvent sallaOrderCreated = null!;
    private StoredEvent stripePaymentIntentSucceeded = null!;
    private StoredEvent shopifyOrderCreated = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var receivedAt = Deliveries.Now;
        sallaTranslator = new SallaProvider().CreateTranslator(Deliveries.Define("salla-shop"));
        stripeTranslator = new StripeProvider().CreateTranslator(Deliveries.Define("payments"));
        shopifyTranslator = new ShopifyProvider().CreateTranslator(Deliveries.Define("shop"));

        sallaOrderCreated = new StoredEvent(
            Guid.NewGuid(), "salla-shop", "salla", "order.created", ProviderEventId: null, OrderingKey: "1305146709:order:2116149737",
            receivedAt, "application/json", Headers: "{}", Encoding.UTF8.GetBytes(Payloads.SallaOrderCreated));
        stripePaymentIntentSucceeded = new StoredEvent(
            Guid.NewGuid(), "payments", "stripe", "payment_intent.succeeded", "evt_1PqRsT2eZvKYlo2C0a1b2c3d", "pi_3PqRsT2eZvKYlo2C1x2y3z4w",
            receivedAt, "application/json", Headers: """{"Stripe-Signature":["t=1717000000,v1=00"]}""",
            Encoding.UTF8.GetBytes(Payloads.StripePaymentIntentSucceeded));
        shopifyOrderCreated = new StoredEvent(
            Guid.NewGuid(), "shop", "shopify", "orders/create", "98880550-7158-44d4-b7cd-2c97c8a091b5", "acme.myshopify.com:orders:820982911946154508",
            receivedAt, "application/json",
            Headers: """{"X-Shopify-Topic":["orders/create"],"X-Shopify-Shop-Domain":["acme.myshopify.com"],"X-Shopify-Webhook-Id":["b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"],"X-Shopify-API-Version":["2024-04"]}""",
            Encoding.UTF8.GetBytes(Payloads.ShopifyOrder));

        // Each payload must translate into changes, not be ignored or dead-lettered, or the benchmark measures a shortcut.
        foreach (var (translator, storedEvent) in new[] { (sallaTranslator, sallaOrderCreated), (stripeTranslator, stripePaymentIntentSucceeded), (shopifyTranslator, shopifyOrderCreated) })
        {
            if (await translator.TranslateAsync(storedEvent, CancellationToken.None) is not Translation.Changes { Items.Count: > 0 })
            {
                throw new InvalidOperationException($"The {storedEvent.Provider} payload does not translate into changes.");
            }
        }
    }

    [Benchmark(Description = "salla order.created")]
    public ValueTask<Translation> Salla() => sallaTranslator.TranslateAsync(sallaOrderCreated, CancellationToken.None);

    [Benchmark(Description = "stripe payment_intent.succeeded")]
    public ValueTask<Translation> Stripe() => stripeTranslator.TranslateAsync(stripePaymentIntentSucceeded, CancellationToken.None);

    [Benchmark(Description = "shopify orders/create")]
    public ValueTask<Translation> Shopify() => shopifyTranslator.TranslateAsync(shopifyOrderCreated, CancellationToken.None);
}

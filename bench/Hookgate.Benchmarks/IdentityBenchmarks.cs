using System.Text;
using BenchmarkDotNet.Attributes;
using Hookgate.Providers;

namespace Hookgate.Benchmarks;

/// <summary>
/// Each provider's Identify on its own payload shape: the JSON (or form) probing ingest does for the dedup and
/// ordering keys. It returns strings by design, so some allocation is expected.
/// </summary>
[MemoryDiagnoser]
public class IdentityBenchmarks
{
    private Delivery stripe = null!;
    private Delivery github = null!;
    private Delivery shopify = null!;
    private Delivery salla = null!;
    private Delivery standard = null!;
    private Delivery bigCommerce = null!;
    private Delivery payFast = null!;
    private Delivery hmac = null!;

    [GlobalSetup]
    public void Setup()
    {
        stripe = Deliveries.Stripe(Encoding.UTF8.GetBytes(Payloads.StripePaymentIntentSucceeded));
        github = Deliveries.GitHub(Encoding.UTF8.GetBytes(Payloads.GitHubIssueOpened));
        shopify = Deliveries.Shopify(Encoding.UTF8.GetBytes(Payloads.ShopifyOrder));
        salla = Deliveries.Salla(Encoding.UTF8.GetBytes(Payloads.SallaOrderCreated));
        standard = Deliveries.Standard(Encoding.UTF8.GetBytes(Payloads.StandardInvoicePaid));
        bigCommerce = Deliveries.BigCommerce(Encoding.UTF8.GetBytes(Payloads.BigCommerceOrderCreated));
        payFast = Deliveries.PayFast();
        hmac = Deliveries.HmacTimestamped(Encoding.UTF8.GetBytes(Payloads.StandardInvoicePaid));
    }

    [Benchmark(Description = "stripe")]
    public EventIdentity Stripe() => Identify(stripe);

    [Benchmark(Description = "github")]
    public EventIdentity GitHub() => Identify(github);

    [Benchmark(Description = "shopify")]
    public EventIdentity Shopify() => Identify(shopify);

    [Benchmark(Description = "salla")]
    public EventIdentity Salla() => Identify(salla);

    [Benchmark(Description = "standard")]
    public EventIdentity Standard() => Identify(standard);

    [Benchmark(Description = "bigcommerce")]
    public EventIdentity BigCommerce() => Identify(bigCommerce);

    [Benchmark(Description = "payfast")]
    public EventIdentity PayFast() => Identify(payFast);

    [Benchmark(Description = "hmac")]
    public EventIdentity Hmac() => Identify(hmac);

    private static EventIdentity Identify(Delivery delivery) => delivery.Receiver.Identify(delivery.Request);
}

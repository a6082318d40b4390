using System.Text;
using BenchmarkDotNet.Attributes;
using Hookgate.Verification;

namespace Hookgate.Benchmarks;

/// <summary>
/// Each provider's Verify on a correctly signed request: the work ingest does on every delivery before anything is
/// stored. JSON providers sign the same 1.5 KB Stripe-shaped body; PayFast posts its own form; Stripe and GitHub
/// also verify a 1 MiB body, where the MAC's cost is all there is.
/// </summary>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    private Delivery stripe = null!;
    private Delivery stripeLarge = null!;
    private Delivery github = null!;
    private Delivery githubLarge = null!;
    private Delivery shopify = null!;
    private Delivery salla = null!;
    private Delivery sallaToken = null!;
    private Delivery standard = null!;
    private Delivery bigCommerce = null!;
    private Delivery payFast = null!;
    private Delivery hmacTimestamped = null!;
    private Delivery hmacBody = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = Encoding.UTF8.GetBytes(Payloads.StripePaymentIntentSucceeded);
        var large = Payloads.LargeJson(1024 * 1024);
        stripe = Deliveries.Stripe(body);
        stripeLarge = Deliveries.Stripe(large);
        github = Deliveries.GitHub(body);
        githubLarge = Deliveries.GitHub(large);
        shopify = Deliveries.Shopify(body);
        salla = Deliveries.Salla(body);
        sallaToken = Deliveries.SallaToken(body);
        standard = Deliveries.Standard(body);
        bigCommerce = Deliveries.BigCommerce(body);
        payFast = Deliveries.PayFast();
        hmacTimestamped = Deliveries.HmacTimestamped(body);
        hmacBody = Deliveries.HmacBody(body);

        // A benchmark of a rejection would measure the wrong path: every request here must verify.
        foreach (var delivery in new[] { stripe, stripeLarge, github, githubLarge, shopify, salla, sallaToken, standard, bigCommerce, payFast, hmacTimestamped, hmacBody })
        {
            var result = Verify(delivery);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"A benchmark request does not verify: {result.Failure}");
            }
        }
    }

    [Benchmark(Description = "stripe 1.5 KB")]
    public VerificationResult Stripe() => Verify(stripe);

    [Benchmark(Description = "stripe 1 MiB")]
    public VerificationResult StripeLarge() => Verify(stripeLarge);

    [Benchmark(Description = "github 1.5 KB")]
    public VerificationResult GitHub() => Verify(github);

    [Benchmark(Description = "github 1 MiB")]
    public VerificationResult GitHubLarge() => Verify(githubLarge);

    [Benchmark(Description = "shopify 1.5 KB")]
    public VerificationResult Shopify() => Verify(shopify);

    [Benchmark(Description = "salla signature 1.5 KB")]
    public VerificationResult Salla() => Verify(salla);

    [Benchmark(Description = "salla token 1.5 KB")]
    public VerificationResult SallaToken() => Verify(sallaToken);

    [Benchmark(Description = "standard 1.5 KB")]
    public VerificationResult Standard() => Verify(standard);

    [Benchmark(Description = "bigcommerce header+basic 1.5 KB")]
    public VerificationResult BigCommerce() => Verify(bigCommerce);

    [Benchmark(Description = "payfast ITN form")]
    public VerificationResult PayFast() => Verify(payFast);

    [Benchmark(Description = "hmac timestamped 1.5 KB")]
    public VerificationResult HmacTimestamped() => Verify(hmacTimestamped);

    [Benchmark(Description = "hmac body 1.5 KB")]
    public VerificationResult HmacBody() => Verify(hmacBody);

    private static VerificationResult Verify(Delivery delivery) => delivery.Receiver.Verify(delivery.Request);
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Hookgate.Tests.Ingest;

/// <summary>A delivery as a provider sends it: raw body, content type and headers.</summary>
public sealed record Delivery(byte[] Body, string ContentType, params (string Name, string Value)[] Headers)
{
    public HttpRequestMessage ToRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

/// <summary>
/// One provider as the integration tests drive it: the source settings, and a signer written from the provider's
/// documentation with the BCL's own HMAC/MD5, independent of Hookgate's verifiers. (The verifiers' unit tests check
/// them against vectors from openssl and the providers' official libraries.)
/// </summary>
public sealed record TestProvider(
    string Name,
    string[] Settings,
    string Secret,
    string WrongSecret,
    Func<string, string, DateTimeOffset, Delivery> Sign)
{
    public IEnumerable<string> Arguments => Settings.Select(s => $"--Hookgate:Sources:{Name}:{s}");

    public Delivery Signed(string eventId, DateTimeOffset now) => Sign(eventId, Secret, now);

    public Delivery Forged(string eventId, DateTimeOffset now) => Sign(eventId, WrongSecret, now);

    public override string ToString() => Name;

    public static readonly TestProvider Stripe = new("stripe",
        ["Provider=stripe", "Secrets:0=whsec_previous_stripe_secret", "Secrets:1=whsec_test_stripe_secret"],
        "whsec_test_stripe_secret", "whsec_forged_stripe_secret",
        (id, secret, now) =>
        {
            var body = Json($$"""{"id":"{{id}}","object":"event","type":"payment_intent.succeeded","created":{{now.ToUnixTimeSeconds()}},"data":{"object":{"id":"pi_{{id}}","object":"payment_intent","amount":2000,"currency":"usd","status":"succeeded"} } }""");
            var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = Hex(HMACSHA256.HashData(Utf8(secret), (byte[])[.. Utf8(timestamp + "."), .. body]));
            return new Delivery(body, "application/json", ("Stripe-Signature", $"t={timestamp},v1={signature}"));
        });

    public static readonly TestProvider GitHub = new("github",
        ["Provider=github", "Secrets:0=test-github-secret"],
        "test-github-secret", "forged-github-secret",
        (id, secret, _) =>
        {
            var body = Json($$"""{"action":"opened","issue":{"id":1,"title":"Broken checkout"},"repository":{"id":4242,"full_name":"acme/shop"} }""");
            return new Delivery(body, "application/json",
                ("X-GitHub-Event", "issues"), ("X-GitHub-Delivery", id),
                ("X-Hub-Signature-256", "sha256=" + Hex(HMACSHA256.HashData(Utf8(secret), body))));
        });

    public static readonly TestProvider Shopify = new("shopify",
        ["Provider=shopify", "Secrets:0=test-shopify-secret"],
        "test-shopify-secret", "forged-shopify-secret",
        (id, secret, now) =>
        {
            var body = Json($$"""{"id":820982911946154508,"name":"#1001","email":"jon@example.com","currency":"USD","total_price":"254.98","financial_status":"paid","updated_at":"{{now:yyyy-MM-ddTHH:mm:sszzz}}","line_items":[{"id":1,"sku":"IPOD2008","title":"IPod Nano","quantity":1,"price":"199.00"}]}""");
            return new Delivery(body, "application/json",
                ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Shop-Domain", "acme.myshopify.com"),
                ("X-Shopify-Webhook-Id", id), ("X-Shopify-Event-Id", "evt-" + id),
                ("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Utf8(secret), body))));
        });

    public static readonly TestProvider Salla = new("salla",
        ["Provider=salla", "Secrets:0=test-salla-secret"],
        "test-salla-secret", "forged-salla-secret",
        (id, secret, _) =>
        {
            // Salla sends no event id: the body is the identity, so the id goes into the order's reference.
            var body = Json($$"""{"event":"order.created","merchant":1305146709,"created_at":"2022-06-26 12:21:48","data":{"id":2121212,"reference_id":"{{id}}","currency":"SAR","amounts":{"total":{"amount":115,"currency":"SAR"} } } }""");
            return new Delivery(body, "application/json",
                ("X-Salla-Security-Strategy", "Signature"),
                ("X-Salla-Signature", Hex(HMACSHA256.HashData(Utf8(secret), body))));
        });

    public static readonly TestProvider Standard = new("standard",
        ["Provider=standard", "Secrets:0=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_Zm9yZ2VkLXN0YW5kYXJkLXNlY3JldA==",
        (id, secret, now) =>
        {
            var body = Json($$"""{"type":"invoice.paid","timestamp":"{{now:O}}","data":{"id":"inv_{{id}}","amount":1999} }""");
            var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var signature = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Utf8($"{id}.{timestamp}."), .. body]));
            return new Delivery(body, "application/json",
                ("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + signature));
        });

    public static readonly TestProvider BigCommerce = new("bigcommerce",
        ["Provider=bigcommerce", "Header=X-Hookgate-Secret", "Secrets:0=test-bigcommerce-secret", "AccessToken=test-bigcommerce-token"],
        "test-bigcommerce-secret", "forged-bigcommerce-secret",
        (id, secret, now) =>
        {
            var body = Json($$"""{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"{{id}}","created_at":{{now.ToUnixTimeSeconds()}},"producer":"stores/abc123"}""");
            return new Delivery(body, "application/json", ("X-Hookgate-Secret", secret));
        });

    public static readonly TestProvider PayFast = new("payfast",
        ["Provider=payfast", "Passphrase=test payfast passphrase", "AllowedNetworks:0=127.0.0.0/8", "AllowedNetworks:1=::1/128"],
        "test payfast passphrase", "forged passphrase",
        (id, passphrase, _) => PayFastItn(passphrase,
            ("m_payment_id", "ORDER-1001"), ("pf_payment_id", id), ("payment_status", "COMPLETE"),
            ("item_name", "Order #1001"), ("amount_gross", "115.00"), ("amount_fee", "-2.65"), ("amount_net", "112.35"),
            ("name_first", "Sara"), ("email_address", "sara@example.com"), ("merchant_id", "10000100")));

    /// <summary>PayFast: MD5 over key=urlencode(value) pairs in posted order, then &amp;passphrase=urlencode(passphrase).</summary>
    public static Delivery PayFastItn(string passphrase, params (string Key, string Value)[] fields)
    {
        var encoded = string.Join("&", fields.Select(f => $"{f.Key}={WebUtility.UrlEncode(f.Value)}"));
        var signature = Hex(MD5.HashData(Utf8($"{encoded}&passphrase={WebUtility.UrlEncode(passphrase)}")));
        return new Delivery(Utf8($"{encoded}&signature={signature}"), "application/x-www-form-urlencoded");
    }

    /// <summary>A BigCommerce hook: ids only, authenticated by the custom header chosen at registration.</summary>
    public static Delivery BigCommerceHook(string scope, long resourceId, string hash, string secret = "test-bigcommerce-secret")
    {
        var body = Utf8($$"""{"scope":"{{scope}}","store_id":"1025646","data":{"type":"order","id":{{resourceId}} },"hash":"{{hash}}","created_at":1561479335,"producer":"stores/abc123"}""");
        return new Delivery(body, "application/json", ("X-Hookgate-Secret", secret));
    }

    public static readonly TestProvider Hmac = new("custom",
        ["Provider=hmac", "Header=X-Signature", "Algorithm=sha256", "Encoding=hex", "Prefix=sha256=", "IdHeader=X-Event-Id", "Secrets:0=test-custom-secret"],
        "test-custom-secret", "forged-custom-secret",
        (id, secret, _) =>
        {
            var body = Json($$"""{"type":"shipment.delivered","shipment":{"id":"{{id}}"} }""");
            return new Delivery(body, "application/json",
                ("X-Event-Id", id), ("X-Signature", "sha256=" + Hex(HMACSHA256.HashData(Utf8(secret), body))));
        });

    public static readonly TestProvider[] All = [Stripe, GitHub, Shopify, Salla, Standard, BigCommerce, PayFast, Hmac];

    private static byte[] Json(string text) => Utf8(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

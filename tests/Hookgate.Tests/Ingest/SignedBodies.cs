using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hookgate.Tests.Ingest;

/// <summary>
/// Any bytes at all, validly signed as each provider signs (with the BCL's HMAC, independent of Hookgate's
/// verifiers) with the secrets of <see cref="TestProvider"/>: the sender is authentic, only what it sent is hostile.
/// </summary>
public static class SignedBodies
{
    public static Delivery Stripe(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Hex(HMACSHA256.HashData(Utf8(TestProvider.Stripe.Secret), (byte[])[.. Utf8(timestamp + "."), .. body]));
        return new Delivery(body, "application/json", ("Stripe-Signature", $"t={timestamp},v1={signature}"));
    }

    public static Delivery Salla(byte[] body) =>
        new(body, "application/json",
            ("X-Salla-Security-Strategy", "Signature"),
            ("X-Salla-Signature", Hex(HMACSHA256.HashData(Utf8(TestProvider.Salla.Secret), body))));

    public static Delivery Shopify(byte[] body) =>
        new(body, "application/json",
            ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Shop-Domain", "acme.myshopify.com"),
            ("X-Shopify-Webhook-Id", Guid.NewGuid().ToString()),
            ("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Utf8(TestProvider.Shopify.Secret), body))));

    public static Delivery GitHub(byte[] body) =>
        new(body, "application/json",
            ("X-GitHub-Event", "push"), ("X-GitHub-Delivery", Guid.NewGuid().ToString()),
            ("X-Hub-Signature-256", "sha256=" + Hex(HMACSHA256.HashData(Utf8(TestProvider.GitHub.Secret), body))));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hookgate.Tests.Ingest;

/// <summary>
/// Any bytes at all, validly signed as each provider signs (with the BCL's HMAC, independent of Hookgate's
/// verifiers): the sender is authentic, only what it sent is hostile.
/// </summary>
public static class SignedBodies
{
    public static Delivery Stripe(byte[] body, DateTimeOffset? signedAt = null, string secret = "whsec_test_stripe_secret")
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
        return new Delivery(body, "application/json", ("Stripe-Signature", $"t={timestamp},v1={signature}"));
    }

    public static Delivery Salla(byte[] body, string secret = "test-salla-secret") =>
        new(body, "application/json",
            ("X-Salla-Security-Strategy", "Signature"),
            ("X-Salla-Signature", Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))));

    public static Delivery Shopify(byte[] body, string topic = "orders/create", string secret = "test-shopify-secret") =>
        new(body, "application/json",
            ("X-Shopify-Topic", topic), ("X-Shopify-Shop-Domain", "acme.myshopify.com"),
            ("X-Shopify-Webhook-Id", Guid.NewGuid().ToString()),
            ("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))));

    public static Delivery GitHub(byte[] body, string secret = "test-github-secret") =>
        new(body, "application/json",
            ("X-GitHub-Event", "push"), ("X-GitHub-Delivery", Guid.NewGuid().ToString()),
            ("X-Hub-Signature-256", "sha256=" + Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))));

    public static Delivery Standard(byte[] body, string id, DateTimeOffset signedAt, string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body]));
        return new Delivery(body, "application/json", ("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + signature));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.Shopify;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Tests.Providers.Shopify;

public sealed class ShopifyReceiverTests
{
    private const string Payload = """{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","name":"#1001","email":"jon@example.com","currency":"USD","total_price":"403.00","financial_status":"paid","fulfillment_status":null,"cancelled_at":null,"customer":{"id":115310627314723954,"email":"jon@example.com"},"line_items":[{"id":866550311766439020,"sku":"IPOD-342-N","title":"IPod Nano","quantity":1,"price":"199.00"}],"updated_at":"2024-05-29T12:26:40-04:00"}""";
    private const string Secret = "shpss_primary_0a1b2c";
    private const string RotatedSecret = "shpss_rotated_3d4e5f";
    private const string WebhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
    private const string EventId = "98880550-7158-44d4-b7cd-2c97c8a091b5";

    // Produced with OpenSSL 3.0 over the payload (no trailing newline):
    // openssl dgst -sha256 -hmac "$secret" -binary < payload.json | base64
    private const string SignedWithSecret = "MVQOTVcWUXuUG+38dVtJGgYe9f8J6UPfW13jdXfDus4=";
    private const string SignedWithRotatedSecret = "0ATikiJAau3ciPR4kOubgHt7IfKydbbU8PyPDx07aRQ=";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Payload);
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeSeconds(1717000000);

    [Fact]
    public void Accepts_a_Shopify_signature_made_with_the_client_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), (ShopifySignature.Header, SignedWithSecret)));
    }

    [Fact]
    public void Rejects_a_Shopify_signature_made_with_another_secret()
    {
        var result = Verify(Receiver(Secret), (ShopifySignature.Header, SignedWithRotatedSecret));

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(Secret, result.Failure);
    }

    [Fact]
    public void Accepts_a_Shopify_signature_made_with_the_second_configured_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret, RotatedSecret), (ShopifySignature.Header, SignedWithRotatedSecret)));
    }

    [Fact]
    public void Rejects_a_Shopify_body_with_one_byte_changed()
    {
        var request = TestSources.Request(TestSources.WithOneByteChanged(Body), ReceivedAt, (ShopifySignature.Header, SignedWithSecret));

        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Rejects_a_Shopify_request_without_a_signature_header()
    {
        Assert.Equal(VerificationResult.MissingHeader(ShopifySignature.Header), Verify(Receiver(Secret)));
        Assert.Equal(VerificationResult.MissingHeader(ShopifySignature.Header), Verify(Receiver(Secret), (ShopifySignature.Header, "")));
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData(" ")]
    [InlineData("sha256=MVQOTVcWUXuUG+38dVtJGgYe9f8J6UPfW13jdXfDus4=")]
    [InlineData("MVQOTVcWUXuUG+38dVtJGgYe9f8J6UPfW13jdXfDus4")]
    [InlineData("MVQOTVcWUXuUG+38dVtJGgYe9f8J6UPfW13jdXfD")]
    [InlineData("MVQOTVcWUXuUG+38dVtJGgYe9f8J6UPfW13jdXfDus4AAAA=")]
    [InlineData("31540e4d5716517b941bedfc755b491a061ef5ff09e943df5b5de37577c3bace")]
    public void Rejects_a_malformed_Shopify_signature_header(string signature)
    {
        Assert.Equal(VerificationResult.Malformed(ShopifySignature.Header), Verify(Receiver(Secret), (ShopifySignature.Header, signature)));
    }

    [Fact]
    public void Refuses_a_Shopify_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(() => TestSources.Receiver(new ShopifyProvider()));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Fact]
    public void Identifies_a_Shopify_delivery_by_its_webhook_id_and_orders_it_by_shop_and_resource()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request(Body, ReceivedAt, DeliveryHeaders(("X-Shopify-Event-Id", EventId))));

        Assert.Equal("orders/create", identity.EventType);
        Assert.Equal(WebhookId, identity.DedupKey);
        Assert.Equal(EventId, identity.ProviderEventId);
        Assert.Equal("hookgate-test.myshopify.com:orders:820982911946154508", identity.OrderingKey);
    }

    [Fact]
    public void Falls_back_to_the_Shopify_webhook_id_when_the_event_id_is_missing()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request(Body, ReceivedAt, DeliveryHeaders()));

        Assert.Equal(WebhookId, identity.ProviderEventId);
    }

    [Fact]
    public void Leaves_a_Shopify_body_without_an_id_unordered()
    {
        var body = """{"shop_id":954889,"shop_domain":"hookgate-test.myshopify.com"}"""u8.ToArray();
        var request = TestSources.Request(body, ReceivedAt, ("X-Shopify-Topic", "shop/redact"), ("X-Shopify-Shop-Domain", "hookgate-test.myshopify.com"));

        Assert.Null(Receiver(Secret).Identify(request).OrderingKey);
    }

    [Fact]
    public void Identifies_a_Shopify_body_that_is_not_JSON_by_its_hash_when_the_webhook_id_is_missing()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request("not json"u8.ToArray(), ReceivedAt, ("X-Shopify-Topic", "orders/create")));

        // printf 'not json' | sha256sum
        Assert.Equal("sha256:7ccfa1fbf3940e6f0c0375d87c0f9235a50514e14cb427bdfaf5077987b26ccf", identity.DedupKey);
        Assert.Equal("orders/create", identity.EventType);
        Assert.Null(identity.OrderingKey);
        Assert.Null(identity.ProviderEventId);
    }

    private static (string Name, string Value)[] DeliveryHeaders(params (string Name, string Value)[] extra) =>
    [
        ("X-Shopify-Topic", "orders/create"),
        ("X-Shopify-Shop-Domain", "hookgate-test.myshopify.com"),
        ("X-Shopify-Webhook-Id", WebhookId),
        .. extra,
    ];

    private static IWebhookReceiver Receiver(params string[] secrets) =>
        TestSources.Receiver(new ShopifyProvider(), TestSources.Secrets(secrets));

    private static VerificationResult Verify(IWebhookReceiver receiver, params (string Name, string Value)[] headers) =>
        receiver.Verify(TestSources.Request(Body, ReceivedAt, headers));
}

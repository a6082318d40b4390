using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.Stripe;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Tests.Providers.Stripe;

public sealed class StripeReceiverTests
{
    private const string Payload = """{"id":"evt_1PqRsT2eZvKYlo2C0a1b2c3d","object":"event","api_version":"2024-06-20","created":1717000000,"data":{"object":{"id":"pi_3PqRsT2eZvKYlo2C1x2y3z4w","object":"payment_intent","amount":2000,"currency":"usd","status":"succeeded"}},"livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"payment_intent.succeeded"}""";
    private const string Secret = "whsec_test_primary_5f3a9c";
    private const string RotatedSecret = "whsec_test_rotated_8b1d2e";
    private const long Timestamp = 1717000000;

    // Produced by the official Node library (stripe 23.1.0):
    // stripe.webhooks.generateTestHeaderString({ payload: Payload, secret, timestamp: 1717000000 }).
    // Cross-checked: printf '1717000000.%s' "$Payload" | openssl dgst -sha256 -hmac whsec_test_primary_5f3a9c
    private const string SignedWithSecret = "7ba2e00cbf041008f0beda35f284ca50ff1d5ebb5a5c41fe532eae1ddbfada47";
    private const string SignedWithRotatedSecret = "e6e2fbff70ed2cf681652b0dda4c9893eecce96353db5361a58d9aa6e6583623";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Payload);
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void Accepts_a_Stripe_signature_made_with_the_endpoint_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), $"t={Timestamp},v1={SignedWithSecret}"));
    }

    [Fact]
    public void Rejects_a_Stripe_signature_made_with_another_secret()
    {
        var result = Verify(Receiver(Secret), $"t={Timestamp},v1={SignedWithRotatedSecret}");

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(Secret, result.Failure);
    }

    [Fact]
    public void Accepts_a_Stripe_signature_made_with_the_second_configured_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret, RotatedSecret), $"t={Timestamp},v1={SignedWithRotatedSecret}"));
    }

    [Fact]
    public void Rejects_a_Stripe_body_with_one_byte_changed()
    {
        var request = TestSources.Request(TestSources.WithOneByteChanged(Body), SignedAt, (StripeSignature.Header, $"t={Timestamp},v1={SignedWithSecret}"));

        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Rejects_a_Stripe_request_without_a_signature_header()
    {
        var request = TestSources.Request(Body, SignedAt);

        Assert.Equal(VerificationResult.MissingHeader(StripeSignature.Header), Receiver(Secret).Verify(request));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData(" ")]
    [InlineData("v1=7ba2e00cbf041008f0beda35f284ca50ff1d5ebb5a5c41fe532eae1ddbfada47")]
    [InlineData("t=17170000x0,v1=7ba2e00cbf041008f0beda35f284ca50ff1d5ebb5a5c41fe532eae1ddbfada47")]
    [InlineData("t=-1717000000,v1=7ba2e00cbf041008f0beda35f284ca50ff1d5ebb5a5c41fe532eae1ddbfada47")]
    [InlineData("t=1717000000")]
    [InlineData("t=1717000000,v1")]
    [InlineData("sha256=7ba2e00cbf041008f0beda35f284ca50ff1d5ebb5a5c41fe532eae1ddbfada47")]
    public void Rejects_a_malformed_Stripe_signature_header(string header)
    {
        Assert.Equal(VerificationResult.Malformed(StripeSignature.Header), Verify(Receiver(Secret), header));
    }

    [Theory]
    [InlineData("not-hex-at-all")]
    [InlineData("7ba2e00cbf041008f0beda35f284ca50ff1d5ebb5a5c41fe532eae1ddbfada4")]
    [InlineData("")]
    public void Rejects_a_Stripe_v1_entry_that_is_not_a_hex_MAC(string signature)
    {
        Assert.Equal(VerificationResult.Mismatch, Verify(Receiver(Secret), $"t={Timestamp},v1={signature}"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(86_400)]
    public void Rejects_a_stale_Stripe_timestamp(int secondsLate)
    {
        var request = TestSources.Request(Body, SignedAt.AddSeconds(secondsLate), (StripeSignature.Header, $"t={Timestamp},v1={SignedWithSecret}"));

        Assert.Equal(VerificationResult.OutsideTolerance, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Rejects_a_Stripe_timestamp_beyond_the_tolerance_in_the_future()
    {
        var request = TestSources.Request(Body, SignedAt.AddSeconds(-301), (StripeSignature.Header, $"t={Timestamp},v1={SignedWithSecret}"));

        Assert.Equal(VerificationResult.OutsideTolerance, Receiver(Secret).Verify(request));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Accepts_a_Stripe_timestamp_just_inside_the_tolerance(int secondsFromSigning)
    {
        var request = TestSources.Request(Body, SignedAt.AddSeconds(secondsFromSigning), (StripeSignature.Header, $"t={Timestamp},v1={SignedWithSecret}"));

        Assert.Equal(VerificationResult.Valid, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Applies_the_configured_Stripe_tolerance()
    {
        var receiver = TestSources.Receiver(new StripeProvider(), [.. TestSources.Secrets(Secret), ("ToleranceSeconds", "60")]);
        var request = TestSources.Request(Body, SignedAt.AddSeconds(61), (StripeSignature.Header, $"t={Timestamp},v1={SignedWithSecret}"));

        Assert.Equal(VerificationResult.OutsideTolerance, receiver.Verify(request));
    }

    [Fact]
    public void Accepts_a_Stripe_header_with_several_v1_entries_when_one_matches()
    {
        var header = $"t={Timestamp},v1={SignedWithRotatedSecret},v1=not-hex,v1={SignedWithSecret}";

        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), header));
    }

    [Fact]
    public void Ignores_a_Stripe_v0_signature()
    {
        Assert.Equal(VerificationResult.Malformed(StripeSignature.Header), Verify(Receiver(Secret), $"t={Timestamp},v0={SignedWithSecret}"));
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), $"t={Timestamp},v0=deadbeef,v1={SignedWithSecret}"));
    }

    [Fact]
    public void Refuses_a_Stripe_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(() => TestSources.Receiver(new StripeProvider()));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Fact]
    public void Identifies_a_Stripe_event_by_its_id_and_orders_it_by_its_object()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request(Body, SignedAt));

        Assert.Equal("payment_intent.succeeded", identity.EventType);
        Assert.Equal("evt_1PqRsT2eZvKYlo2C0a1b2c3d", identity.DedupKey);
        Assert.Equal("evt_1PqRsT2eZvKYlo2C0a1b2c3d", identity.ProviderEventId);
        Assert.Equal("pi_3PqRsT2eZvKYlo2C1x2y3z4w", identity.OrderingKey);
    }

    [Fact]
    public void Identifies_a_Stripe_body_that_is_not_JSON_by_its_hash()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request("not json"u8.ToArray(), SignedAt));

        // printf 'not json' | sha256sum
        Assert.Equal("sha256:7ccfa1fbf3940e6f0c0375d87c0f9235a50514e14cb427bdfaf5077987b26ccf", identity.DedupKey);
        Assert.Equal("unknown", identity.EventType);
        Assert.Null(identity.OrderingKey);
        Assert.Null(identity.ProviderEventId);
    }

    private static IWebhookReceiver Receiver(params string[] secrets) =>
        TestSources.Receiver(new StripeProvider(), TestSources.Secrets(secrets));

    private static VerificationResult Verify(IWebhookReceiver receiver, string header) =>
        receiver.Verify(TestSources.Request(Body, SignedAt, (StripeSignature.Header, header)));
}

using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.StandardWebhooks;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Tests.Providers.StandardWebhooks;

public sealed class StandardWebhooksReceiverTests
{
    private const string Payload = """{"type":"invoice.paid","timestamp":"2024-05-29T16:26:40Z","data":{"id":"in_1PqRsT","customer_id":"cus_42","amount":2500,"currency":"EUR"}}""";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string RotatedSecret = "whsec_aG9va2dhdGUtc3RhbmRhcmQtcm90YXRlZC1rZXktMzI=";
    private const string MessageId = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private const string Timestamp = "1717000000";

    // Produced by the official Node libraries (standardwebhooks 1.1.1, and svix 1.99.1 gives the same):
    // new Webhook(secret).sign(MessageId, new Date(1717000000 * 1000), Payload).
    // Cross-checked: printf 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1717000000.%s' "$Payload"
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(echo MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 64) -binary | base64
    private const string SignedWithSecret = "v1,lrwv+elXiYHyohUQ2FSp5+8azXZCKSAxCD8wItlY3zU=";
    private const string SignedWithRotatedSecret = "v1,TqIwB2CPgSKWx1SIKAJYlUuc4SgfRsXZMEKExmXmGlo=";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Payload);
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1717000000);

    [Fact]
    public void Accepts_a_Standard_Webhooks_signature_made_with_the_signing_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), SignedWithSecret));
    }

    [Fact]
    public void Accepts_a_Svix_delivery_under_svix_header_names()
    {
        var request = TestSources.Request(Body, SignedAt, ("svix-id", MessageId), ("svix-timestamp", Timestamp), ("svix-signature", SignedWithSecret));

        Assert.Equal(VerificationResult.Valid, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Accepts_a_signing_secret_without_the_whsec_prefix()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), SignedWithSecret));
    }

    [Fact]
    public void Rejects_a_Standard_Webhooks_signature_made_with_another_secret()
    {
        var result = Verify(Receiver(Secret), SignedWithRotatedSecret);

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(Secret, result.Failure);
    }

    [Fact]
    public void Accepts_a_Standard_Webhooks_signature_made_with_the_second_configured_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret, RotatedSecret), SignedWithRotatedSecret));
    }

    [Fact]
    public void Accepts_a_Standard_Webhooks_signature_list_when_any_v1_entry_matches()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), $"{SignedWithRotatedSecret} v1,bm90IGEgbWFj {SignedWithSecret}"));
    }

    [Fact]
    public void Ignores_Standard_Webhooks_signatures_of_other_versions()
    {
        var asymmetric = "v1a" + SignedWithSecret[2..];

        Assert.Equal(VerificationResult.Malformed("webhook-signature"), Verify(Receiver(Secret), asymmetric));
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), $"{asymmetric} {SignedWithSecret}"));
    }

    [Fact]
    public void Rejects_a_Standard_Webhooks_body_with_one_byte_changed()
    {
        var request = TestSources.Request(TestSources.WithOneByteChanged(Body), SignedAt, Headers(MessageId, Timestamp, SignedWithSecret));

        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Rejects_a_Standard_Webhooks_signature_replayed_under_another_id_or_timestamp()
    {
        var otherId = TestSources.Request(Body, SignedAt, Headers("msg_2KWPBgLlAfxdpx2AI54pPJ85f4X", Timestamp, SignedWithSecret));
        var otherTimestamp = TestSources.Request(Body, SignedAt, Headers(MessageId, "1717000001", SignedWithSecret));

        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(otherId));
        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(otherTimestamp));
    }

    [Fact]
    public void Verifies_a_Standard_Webhooks_message_with_a_long_id()
    {
        // standardwebhooks 1.1.1: new Webhook(Secret).sign("msg_" + "x".repeat(300), new Date(1717000000 * 1000), Payload)
        var id = "msg_" + new string('x', 300);
        var request = TestSources.Request(Body, SignedAt, Headers(id, Timestamp, "v1,2as9Kfhm4o8GpWbtZGMh7fArdl9flB+S7L21MAKN0eQ="));

        Assert.Equal(VerificationResult.Valid, Receiver(Secret).Verify(request));
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Rejects_a_Standard_Webhooks_request_missing_a_header(string missing)
    {
        var headers = Headers(MessageId, Timestamp, SignedWithSecret).Where(h => h.Name != missing).ToArray();

        Assert.Equal(VerificationResult.MissingHeader(missing), Receiver(Secret).Verify(TestSources.Request(Body, SignedAt, headers)));
    }

    [Fact]
    public void Treats_an_empty_Standard_Webhooks_signature_header_as_missing()
    {
        Assert.Equal(VerificationResult.MissingHeader("webhook-signature"), Verify(Receiver(Secret), ""));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData(" ")]
    [InlineData("v1,")]
    [InlineData("v1,not base64!")]
    [InlineData("v1=lrwv+elXiYHyohUQ2FSp5+8azXZCKSAxCD8wItlY3zU=")]
    [InlineData("lrwv+elXiYHyohUQ2FSp5+8azXZCKSAxCD8wItlY3zU=")]
    [InlineData("v2,lrwv+elXiYHyohUQ2FSp5+8azXZCKSAxCD8wItlY3zU=")]
    [InlineData("v1,lrwv+elXiYHyohUQ2FSp5+8azXZCKSAxCD8w")]
    [InlineData("v1,96bc2ff9e9578981f2a21510d854a9e7ef1acd764229203108")]
    public void Rejects_a_malformed_Standard_Webhooks_signature_header(string signature)
    {
        Assert.Equal(VerificationResult.Malformed("webhook-signature"), Verify(Receiver(Secret), signature));
    }

    [Theory]
    [InlineData("17170000x0")]
    [InlineData("-1717000000")]
    [InlineData("1717000000.5")]
    [InlineData("99999999999999999999999")]
    public void Rejects_a_malformed_Standard_Webhooks_timestamp(string timestamp)
    {
        var request = TestSources.Request(Body, SignedAt, Headers(MessageId, timestamp, SignedWithSecret));

        Assert.Equal(VerificationResult.Malformed("webhook-timestamp"), Receiver(Secret).Verify(request));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Rejects_a_Standard_Webhooks_timestamp_beyond_the_tolerance_either_way(int secondsFromSigning)
    {
        var request = TestSources.Request(Body, SignedAt.AddSeconds(secondsFromSigning), Headers(MessageId, Timestamp, SignedWithSecret));

        Assert.Equal(VerificationResult.OutsideTolerance, Receiver(Secret).Verify(request));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Accepts_a_Standard_Webhooks_timestamp_just_inside_the_tolerance(int secondsFromSigning)
    {
        var request = TestSources.Request(Body, SignedAt.AddSeconds(secondsFromSigning), Headers(MessageId, Timestamp, SignedWithSecret));

        Assert.Equal(VerificationResult.Valid, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Applies_the_configured_Standard_Webhooks_tolerance()
    {
        var receiver = TestSources.Receiver(new StandardWebhooksProvider(), [.. TestSources.Secrets(Secret), ("ToleranceSeconds", "60")]);
        var request = TestSources.Request(Body, SignedAt.AddSeconds(61), Headers(MessageId, Timestamp, SignedWithSecret));

        Assert.Equal(VerificationResult.OutsideTolerance, receiver.Verify(request));
    }

    [Fact]
    public void Refuses_a_Standard_Webhooks_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(() => TestSources.Receiver(new StandardWebhooksProvider()));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Theory]
    [InlineData("whsec_not*base64!")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS")]
    public void Refuses_a_signing_secret_that_is_not_base64_and_names_its_key(string badSecret)
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new StandardWebhooksProvider(), TestSources.Secrets(Secret, badSecret)));

        Assert.Contains("Hookgate:Sources:test:Secrets:1", error.Message);
        Assert.DoesNotContain(badSecret, error.Message);
    }

    [Fact]
    public void Refuses_an_empty_signing_secret()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new StandardWebhooksProvider(), TestSources.Secrets("whsec_")));

        Assert.Contains("Hookgate:Sources:test:Secrets:0", error.Message);
    }

    [Fact]
    public void Identifies_a_Standard_Webhooks_message_by_its_id_and_type()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request(Body, SignedAt, Headers(MessageId, Timestamp, SignedWithSecret)));

        Assert.Equal("invoice.paid", identity.EventType);
        Assert.Equal(MessageId, identity.DedupKey);
        Assert.Equal(MessageId, identity.ProviderEventId);
        Assert.Null(identity.OrderingKey);
    }

    [Fact]
    public void Identifies_a_Svix_message_by_its_svix_id()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request(Body, SignedAt, ("svix-id", MessageId)));

        Assert.Equal(MessageId, identity.DedupKey);
    }

    [Fact]
    public void Identifies_a_Standard_Webhooks_body_that_is_not_JSON_without_throwing()
    {
        var withId = Receiver(Secret).Identify(TestSources.Request("not json"u8.ToArray(), SignedAt, ("webhook-id", MessageId)));
        var withoutId = Receiver(Secret).Identify(TestSources.Request("not json"u8.ToArray(), SignedAt));

        Assert.Equal("unknown", withId.EventType);
        Assert.Equal(MessageId, withId.DedupKey);
        // printf 'not json' | sha256sum
        Assert.Equal("sha256:7ccfa1fbf3940e6f0c0375d87c0f9235a50514e14cb427bdfaf5077987b26ccf", withoutId.DedupKey);
    }

    private static (string Name, string Value)[] Headers(string id, string timestamp, string signature) =>
        [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signature)];

    private static IWebhookReceiver Receiver(params string[] secrets) =>
        TestSources.Receiver(new StandardWebhooksProvider(), TestSources.Secrets(secrets));

    private static VerificationResult Verify(IWebhookReceiver receiver, string signature) =>
        receiver.Verify(TestSources.Request(Body, SignedAt, Headers(MessageId, Timestamp, signature)));
}

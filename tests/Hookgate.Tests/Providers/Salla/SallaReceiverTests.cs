using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.Salla;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Tests.Providers.Salla;

public sealed class SallaReceiverTests
{
    private const string Payload = """{"event":"order.created","merchant":1305146709,"created_at":"Sun Jun 26 2022 12:21:48 GMT+0300","data":{"id":251133654,"reference_id":96134432,"date":{"date":"2022-06-26 12:21:45.000000","timezone_type":3,"timezone":"Asia/Riyadh"},"status":{"id":566146469,"name":"بإنتظار المراجعة","slug":"under_review"},"currency":"SAR","amounts":{"total":{"amount":115,"currency":"SAR"}},"customer":{"id":1227534533,"first_name":"Ahmed","last_name":"Ali","mobile":555555555,"mobile_code":"+966","email":"ahmed@example.com"},"items":[{"id":416713727,"name":"Arabic coffee","sku":"AC-250","quantity":1}]}}""";
    private const string Secret = "salla-primary-secret";
    private const string RotatedSecret = "salla-rotated-secret";

    // Produced with OpenSSL 3.0 over the UTF-8 payload (no trailing newline):
    // openssl dgst -sha256 -hmac "$secret" -binary < payload.json | xxd -p -c 64
    private const string SignedWithSecret = "aef66c3b9888d3250c6472d3aa43bfbbd45ef9191661e6ed207a25dcdfb03e0b";
    private const string SignedWithRotatedSecret = "5027f5d9d518b4d353eba6cd7a82ce5b19c11dfb9c570fb90f2bc7015e346ed7";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Payload);
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeSeconds(1656235308);

    [Theory]
    [InlineData(SallaSignature.SignatureHeader)]
    [InlineData(SallaSignature.SignatureHeaderAlias)]
    public void Accepts_a_Salla_signature_under_either_header_name(string header)
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), (header, SignedWithSecret)));
    }

    [Fact]
    public void Accepts_a_Salla_signature_sent_with_its_declared_strategy()
    {
        var result = Verify(Receiver(Secret), (SallaSignature.StrategyHeader, "Signature"), (SallaSignature.SignatureHeader, SignedWithSecret));

        Assert.Equal(VerificationResult.Valid, result);
    }

    [Fact]
    public void Accepts_an_uppercase_hex_Salla_signature()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), (SallaSignature.SignatureHeader, SignedWithSecret.ToUpperInvariant())));
    }

    [Fact]
    public void Rejects_a_Salla_signature_made_with_another_secret()
    {
        var result = Verify(Receiver(Secret), (SallaSignature.SignatureHeader, SignedWithRotatedSecret));

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(Secret, result.Failure);
    }

    [Fact]
    public void Accepts_a_Salla_signature_made_with_the_second_configured_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret, RotatedSecret), (SallaSignature.SignatureHeader, SignedWithRotatedSecret)));
    }

    [Fact]
    public void Rejects_a_Salla_body_with_one_byte_changed()
    {
        var request = TestSources.Request(TestSources.WithOneByteChanged(Body), ReceivedAt, (SallaSignature.SignatureHeader, SignedWithSecret));

        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Rejects_a_Salla_request_without_a_signature_header()
    {
        Assert.Equal(VerificationResult.MissingHeader(SallaSignature.SignatureHeader), Verify(Receiver(Secret)));
    }

    [Fact]
    public void Treats_an_empty_Salla_signature_header_as_missing()
    {
        Assert.Equal(VerificationResult.MissingHeader(SallaSignature.SignatureHeader), Verify(Receiver(Secret), (SallaSignature.SignatureHeader, "")));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData(" ")]
    [InlineData("sha256=aef66c3b9888d3250c6472d3aa43bfbbd45ef9191661e6ed207a25dcdfb03e0b")]
    [InlineData("zzf66c3b9888d3250c6472d3aa43bfbbd45ef9191661e6ed207a25dcdfb03e0b")]
    [InlineData("aef66c3b9888d3250c6472d3aa43bfbbd45ef9191661e6ed207a25dcdfb03e0")]
    [InlineData("aef66c3b9888d3250c6472d3aa43bfbbd45ef9191661e6ed207a25dcdfb03e")]
    [InlineData("aef66c3b9888d3250c6472d3aa43bfbbd45ef9191661e6ed207a25dcdfb03e0b00")]
    [InlineData("rvZsO5iI0yUMZHLTqkO/u9Re+RkWYebtIHol3N+wPgs=")]
    public void Rejects_a_malformed_Salla_signature_header(string signature)
    {
        Assert.Equal(VerificationResult.Malformed(SallaSignature.SignatureHeader), Verify(Receiver(Secret), (SallaSignature.SignatureHeader, signature)));
    }

    [Fact]
    public void Accepts_a_Salla_token_in_the_authorization_header()
    {
        var result = Verify(TokenReceiver(Secret), (SallaSignature.StrategyHeader, "Token"), ("Authorization", $"Bearer {Secret}"));

        Assert.Equal(VerificationResult.Valid, result);
    }

    [Fact]
    public void Accepts_the_second_configured_Salla_token()
    {
        Assert.Equal(VerificationResult.Valid, Verify(TokenReceiver(Secret, RotatedSecret), ("Authorization", $"Bearer {RotatedSecret}")));
    }

    [Fact]
    public void Rejects_a_wrong_Salla_token()
    {
        var result = Verify(TokenReceiver(Secret), ("Authorization", $"Bearer {RotatedSecret}"));

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(RotatedSecret, result.Failure);
    }

    [Fact]
    public void Rejects_a_Salla_token_request_without_an_authorization_header()
    {
        Assert.Equal(VerificationResult.MissingHeader("Authorization"), Verify(TokenReceiver(Secret), (SallaSignature.SignatureHeader, SignedWithSecret)));
    }

    [Theory]
    [InlineData("salla-primary-secret")]
    [InlineData("Basic c2FsbGEtcHJpbWFyeS1zZWNyZXQ=")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    public void Rejects_a_malformed_Salla_authorization_header(string authorization)
    {
        Assert.Equal(VerificationResult.Malformed("Authorization"), Verify(TokenReceiver(Secret), ("Authorization", authorization)));
    }

    [Fact]
    public void Refuses_a_Salla_request_that_declares_the_token_strategy_to_a_signature_source()
    {
        var result = Verify(Receiver(Secret), (SallaSignature.StrategyHeader, "Token"), ("Authorization", $"Bearer {Secret}"), (SallaSignature.SignatureHeader, SignedWithSecret));

        Assert.False(result.IsValid);
        Assert.Contains(SallaSignature.StrategyHeader, result.Failure);
    }

    [Fact]
    public void Refuses_a_Salla_request_that_declares_the_signature_strategy_to_a_token_source()
    {
        var result = Verify(TokenReceiver(Secret), (SallaSignature.StrategyHeader, "Signature"), ("Authorization", $"Bearer {Secret}"));

        Assert.False(result.IsValid);
        Assert.Contains(SallaSignature.StrategyHeader, result.Failure);
    }

    [Fact]
    public void Lists_the_authorization_header_as_a_credential_only_for_the_token_strategy()
    {
        Assert.Equal(["Authorization"], TokenReceiver(Secret).CredentialHeaders);
        Assert.Empty(Receiver(Secret).CredentialHeaders);
    }

    [Fact]
    public void Refuses_a_Salla_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(() => TestSources.Receiver(new SallaProvider()));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Fact]
    public void Refuses_an_unknown_Salla_strategy()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new SallaProvider(), [.. TestSources.Secrets(Secret), ("Strategy", "None")]));

        Assert.Contains("Hookgate:Sources:test:Strategy", error.Message);
    }

    [Fact]
    public void Identifies_a_Salla_order_event_by_its_body_hash_and_orders_it_by_merchant_and_order()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request(Body, ReceivedAt));

        Assert.Equal("order.created", identity.EventType);
        // openssl dgst -sha256 < payload.json
        Assert.Equal("sha256:c2474423fff67984aabf25abac8f3171c6ab10413125030463ba30cf3dd24e1d", identity.DedupKey);
        Assert.Equal("1305146709:order:251133654", identity.OrderingKey);
        Assert.Null(identity.ProviderEventId);
    }

    [Fact]
    public void Orders_Salla_events_of_one_family_together_whatever_the_event()
    {
        var body = """{"event":"product.quantity.low","merchant":1305146709,"data":{"id":1130931637,"name":"Arabic coffee","quantity":2}}"""u8.ToArray();

        var identity = Receiver(Secret).Identify(TestSources.Request(body, ReceivedAt));

        Assert.Equal("product.quantity.low", identity.EventType);
        Assert.Equal("1305146709:product:1130931637", identity.OrderingKey);
    }

    [Fact]
    public void Leaves_a_Salla_event_without_a_data_id_unordered()
    {
        var body = """{"event":"app.installed","merchant":1305146709,"data":{"app_name":"Hookgate"}}"""u8.ToArray();

        Assert.Null(Receiver(Secret).Identify(TestSources.Request(body, ReceivedAt)).OrderingKey);
    }

    [Fact]
    public void Identifies_a_Salla_body_that_is_not_JSON_by_its_hash()
    {
        var identity = Receiver(Secret).Identify(TestSources.Request("not json"u8.ToArray(), ReceivedAt));

        // printf 'not json' | sha256sum
        Assert.Equal("sha256:7ccfa1fbf3940e6f0c0375d87c0f9235a50514e14cb427bdfaf5077987b26ccf", identity.DedupKey);
        Assert.Equal("unknown", identity.EventType);
        Assert.Null(identity.OrderingKey);
    }

    private static IWebhookReceiver Receiver(params string[] secrets) =>
        TestSources.Receiver(new SallaProvider(), TestSources.Secrets(secrets));

    private static IWebhookReceiver TokenReceiver(params string[] secrets) =>
        TestSources.Receiver(new SallaProvider(), [.. TestSources.Secrets(secrets), ("Strategy", "Token")]);

    private static VerificationResult Verify(IWebhookReceiver receiver, params (string Name, string Value)[] headers) =>
        receiver.Verify(TestSources.Request(Body, ReceivedAt, headers));
}

using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.GenericHmac;
using Hookgate.Sources;
using Hookgate.Verification;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Tests.Providers.GenericHmac;

public sealed class GenericHmacReceiverTests
{
    private const string Body = """{"id":"evt_1001","type":"invoice.paid","data":{"amount":4200}}""";
    private const string SecretOne = "hmac-secret-one";
    private const string SecretTwo = "hmac-secret-two";
    private const string Header = "X-Signature";

    // Vectors computed outside Hookgate, over Body written with `printf '%s' "$BODY" > body.json`:
    //   openssl dgst -<alg> -hmac <secret> -r body.json | cut -d' ' -f1        (hex)
    //   openssl dgst -<alg> -hmac <secret> -binary body.json | base64 -w0     (base64)
    private const string Sha256HexOne = "d787ace3067860786ac0f5c05c8443c7869d063f32ea277912e4c1e23bf8c62b";
    private const string Sha256HexTwo = "7a6d69d238fa8ce61ada0009b1ad117b1ae8ed85a5093d4344217746c8e6f93f";
    private const string Sha256Base64One = "14es4wZ4YHhqwPXAXIRDx4adBj8y6id5EuTB4jv4xis=";
    private const string Sha1HexOne = "cb70d1ae85560b2c596793d148f04c2b04924a39";
    private const string Sha1Base64One = "y3DRroVWCyxZZ5PRSPBMKwSSSjk=";
    private const string Sha512HexOne = "9bb75b8b400ee210cae488083a9c8244da3d690a3fffd5a62ed2d2355750f98d2bc53091451de483934d89a7ecfcd548e42e298b2aad1bcb8e82304d46e9992c";
    private const string Sha512Base64One = "m7dbi0AO4hDK5IgIOpyCRNo9aQo//9WmLtLSNVdQ+Y0rxTCRRR3kg5NNiafs/NVI5C4piyqtG8uOgjBNRumZLA==";

    // printf '%s' "1700000000.$BODY" > ts.txt; openssl dgst -sha256 -hmac hmac-secret-one -r ts.txt | cut -d' ' -f1
    private const long Timestamp = 1700000000;
    private const string TimestampedSha256HexOne = "4d65f8eed4fecfc2574eeb31d1ec799ba107254bc9ec538e15dcb596e777929d";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp + 30);

    private static IWebhookReceiver Receiver(params (string Key, string Value)[] settings) =>
        TestSources.Receiver(new GenericHmacProvider(), [("Secrets:0", SecretOne), ("Header", Header), .. settings]);

    private static VerificationResult Verify(IWebhookReceiver receiver, HeaderDictionary headers, string body = Body, DateTimeOffset? at = null) =>
        receiver.Verify(TestSources.Request(Encoding.UTF8.GetBytes(body), headers, at ?? Now));

    [Theory]
    [InlineData("sha256", "hex", Sha256HexOne)]
    [InlineData("sha256", "base64", Sha256Base64One)]
    [InlineData("sha1", "hex", Sha1HexOne)]
    [InlineData("sha1", "base64", Sha1Base64One)]
    [InlineData("SHA512", "hex", Sha512HexOne)]
    [InlineData("sha512", "Base64", Sha512Base64One)]
    public void Accepts_a_body_signed_with_the_configured_algorithm_and_encoding(string algorithm, string encoding, string signature)
    {
        var receiver = Receiver(("Algorithm", algorithm), ("Encoding", encoding));

        Assert.Equal(VerificationResult.Valid, Verify(receiver, TestSources.Headers((Header, signature))));
    }

    [Fact]
    public void Defaults_to_hex_sha256()
    {
        Assert.True(Verify(Receiver(), TestSources.Headers((Header, Sha256HexOne))).IsValid);
    }

    [Fact]
    public void Accepts_an_uppercase_hex_signature()
    {
        Assert.True(Verify(Receiver(), TestSources.Headers((Header, Sha256HexOne.ToUpperInvariant()))).IsValid);
    }

    [Fact]
    public void Rejects_a_body_signed_with_another_secret()
    {
        Assert.Equal(VerificationResult.Mismatch, Verify(Receiver(), TestSources.Headers((Header, Sha256HexTwo))));
    }

    [Fact]
    public void Accepts_a_body_signed_with_the_second_configured_secret_during_rotation()
    {
        var receiver = Receiver(("Secrets:1", SecretTwo));

        Assert.True(Verify(receiver, TestSources.Headers((Header, Sha256HexTwo))).IsValid);
        Assert.True(Verify(receiver, TestSources.Headers((Header, Sha256HexOne))).IsValid);
    }

    [Fact]
    public void Rejects_a_body_with_one_byte_changed()
    {
        var tampered = Body.Replace("4200", "4201", StringComparison.Ordinal);

        Assert.Equal(VerificationResult.Mismatch, Verify(Receiver(), TestSources.Headers((Header, Sha256HexOne)), tampered));
    }

    [Fact]
    public void Rejects_a_request_without_the_signature_header()
    {
        Assert.Equal(VerificationResult.MissingHeader(Header), Verify(Receiver(), TestSources.Headers()));
        Assert.Equal(VerificationResult.MissingHeader(Header), Verify(Receiver(), TestSources.Headers((Header, ""))));
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("d787ace3")]
    [InlineData("d787ace3067860786ac0f5c05c8443c7869d063f32ea277912e4c1e23bf8c62")]
    [InlineData("z787ace3067860786ac0f5c05c8443c7869d063f32ea277912e4c1e23bf8c62b")]
    [InlineData(Sha256Base64One)]
    [InlineData("   ")]
    public void Rejects_a_signature_header_that_is_not_a_hex_sha256(string header)
    {
        var result = Verify(Receiver(), TestSources.Headers((Header, header)));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Rejects_a_base64_signature_that_does_not_decode()
    {
        var result = Verify(Receiver(("Encoding", "base64")), TestSources.Headers((Header, "not*base64")));

        Assert.Equal(VerificationResult.Malformed(Header), result);
    }

    [Fact]
    public void Accepts_a_signature_after_the_configured_prefix()
    {
        var receiver = Receiver(("Prefix", "sha256="));

        Assert.True(Verify(receiver, TestSources.Headers((Header, "sha256=" + Sha256HexOne))).IsValid);
    }

    [Theory]
    [InlineData(Sha256HexOne)]
    [InlineData("sha1=" + Sha256HexOne)]
    [InlineData("SHA256=" + Sha256HexOne)]
    [InlineData("sha256=")]
    public void Rejects_a_signature_without_the_configured_prefix(string header)
    {
        var result = Verify(Receiver(("Prefix", "sha256=")), TestSources.Headers((Header, header)));

        Assert.Equal(VerificationResult.Malformed(Header), result);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(-299)]
    public void Accepts_a_signed_timestamp_inside_the_tolerance(int secondsFromTimestamp)
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"));
        var headers = TestSources.Headers((Header, TimestampedSha256HexOne), ("X-Timestamp", Timestamp.ToString()));

        var result = Verify(receiver, headers, at: DateTimeOffset.FromUnixTimeSeconds(Timestamp + secondsFromTimestamp));

        Assert.Equal(VerificationResult.Valid, result);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Rejects_a_stale_or_future_signed_timestamp(int secondsFromTimestamp)
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"));
        var headers = TestSources.Headers((Header, TimestampedSha256HexOne), ("X-Timestamp", Timestamp.ToString()));

        var result = Verify(receiver, headers, at: DateTimeOffset.FromUnixTimeSeconds(Timestamp + secondsFromTimestamp));

        Assert.Equal(VerificationResult.OutsideTolerance, result);
    }

    [Fact]
    public void Honours_the_configured_tolerance()
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"), ("ToleranceSeconds", "60"));
        var headers = TestSources.Headers((Header, TimestampedSha256HexOne), ("X-Timestamp", Timestamp.ToString()));

        Assert.True(Verify(receiver, headers, at: DateTimeOffset.FromUnixTimeSeconds(Timestamp + 60)).IsValid);
        Assert.Equal(VerificationResult.OutsideTolerance, Verify(receiver, headers, at: DateTimeOffset.FromUnixTimeSeconds(Timestamp + 61)));
    }

    [Fact]
    public void Rejects_a_timestamp_that_was_not_the_one_signed()
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"));
        var headers = TestSources.Headers((Header, TimestampedSha256HexOne), ("X-Timestamp", (Timestamp + 1).ToString()));

        Assert.Equal(VerificationResult.Mismatch, Verify(receiver, headers));
    }

    [Fact]
    public void Rejects_a_body_signature_when_a_timestamp_is_expected()
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"));
        var headers = TestSources.Headers((Header, Sha256HexOne), ("X-Timestamp", Timestamp.ToString()));

        Assert.Equal(VerificationResult.Mismatch, Verify(receiver, headers));
    }

    [Fact]
    public void Rejects_a_missing_timestamp_header()
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"));

        var result = Verify(receiver, TestSources.Headers((Header, TimestampedSha256HexOne)));

        Assert.Equal(VerificationResult.MissingHeader("X-Timestamp"), result);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1700000000")]
    [InlineData("1700000000.5")]
    [InlineData("99999999999999999999999")]
    public void Rejects_a_timestamp_that_is_not_unix_seconds(string timestamp)
    {
        var receiver = Receiver(("TimestampHeader", "X-Timestamp"));
        var headers = TestSources.Headers((Header, TimestampedSha256HexOne), ("X-Timestamp", timestamp));

        Assert.Equal(VerificationResult.Malformed("X-Timestamp"), Verify(receiver, headers));
    }

    [Fact]
    public void Never_names_the_secret_in_a_failure()
    {
        var result = Verify(Receiver(), TestSources.Headers((Header, Sha256HexTwo)));

        Assert.DoesNotContain(SecretOne, result.Failure);
        Assert.DoesNotContain(Body, result.Failure);
    }

    [Fact]
    public void Refuses_a_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new GenericHmacProvider(), ("Header", Header)));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Fact]
    public void Refuses_a_source_without_a_signature_header()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new GenericHmacProvider(), ("Secrets:0", SecretOne)));

        Assert.Contains("Hookgate:Sources:test:Header", error.Message);
    }

    [Theory]
    [InlineData("Algorithm", "md5")]
    [InlineData("Algorithm", "")]
    [InlineData("Encoding", "base32")]
    public void Refuses_an_unknown_algorithm_or_encoding(string key, string value)
    {
        var error = Assert.Throws<SourceConfigurationException>(() => Receiver((key, value)));

        Assert.Contains($"Hookgate:Sources:test:{key}", error.Message);
    }

    [Fact]
    public void Identifies_an_event_by_its_configured_headers()
    {
        var receiver = Receiver(("IdHeader", "X-Delivery"), ("EventTypeHeader", "X-Event"));
        var headers = TestSources.Headers(("X-Delivery", "d-42"), ("X-Event", "invoice.finalized"));

        var identity = receiver.Identify(TestSources.Request(Encoding.UTF8.GetBytes(Body), headers, Now));

        Assert.Equal(new EventIdentity("invoice.finalized", "d-42", null, "d-42"), identity);
    }

    [Fact]
    public void Falls_back_to_the_body_type_then_event_and_to_a_body_hash()
    {
        var receiver = Receiver(("IdHeader", "X-Delivery"), ("EventTypeHeader", "X-Event"));
        var typed = Encoding.UTF8.GetBytes(Body);
        var evented = """{"event":"user.created","id":7}"""u8.ToArray();

        var fromType = receiver.Identify(TestSources.Request(typed, TestSources.Headers(), Now));
        var fromEvent = receiver.Identify(TestSources.Request(evented, TestSources.Headers(), Now));

        Assert.Equal(new EventIdentity("invoice.paid", BodyHash.DedupKey(typed), null, null), fromType);
        Assert.Equal(new EventIdentity("user.created", BodyHash.DedupKey(evented), null, null), fromEvent);
    }

    [Fact]
    public void Identifies_a_body_that_is_not_json_by_its_hash()
    {
        var body = "\u0001not json at all {"u8.ToArray();

        var identity = Receiver().Identify(TestSources.Request(body, TestSources.Headers(), Now));

        Assert.Equal(new EventIdentity("unknown", BodyHash.DedupKey(body), null, null), identity);
    }
}

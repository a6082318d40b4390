using System.Net;
using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.PayFast;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Tests.Providers.PayFast;

public sealed class PayFastReceiverTests
{
    // An ITN's fields as PayFast posts them (PHP urlencode: spaces as '+', uppercase escapes, ~ * ! ( ) ' escaped).
    // The signatures below were computed outside Hookgate by a scratch Node script that joins the decoded fields as
    // key=phpUrlencode(value) with '&', where phpUrlencode(s) = encodeURIComponent(s) with [!'()*~] escaped as %XX
    // and %20 replaced by '+', optionally appending '&passphrase=' + phpUrlencode(passphrase), then
    // `printf '%s' "$STRING" | openssl dgst -md5`; cross-checked with Python's hashlib.md5 over
    // urllib.parse.quote_plus(value, safe='') with '~' replaced by %7E.
    private const string Fields =
        "m_payment_id=1001&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Order+%231001+%26+co&item_description="
        + "&amount_gross=200.00&amount_fee=-4.60&amount_net=195.40&custom_str1=50%25+off+%28today%29+%7E+%2Ayes%2A%21"
        + "&name_first=Zo%C3%AB&name_last=O%27Brien&email_address=zoe%2Btest%40example.com&merchant_id=10000100";

    private const string SignatureWithoutPassphrase = "d495aaa2f35e05e307a43b7c9b9b9615";
    private const string OldPassphrase = "old passphrase";
    private const string SignatureWithOldPassphrase = "ae4a6bff1302891633eabf7da963a556";
    private const string NewPassphrase = "new/pass phrase+ü";
    private const string SignatureWithNewPassphrase = "0278799f6440dbfdabb44dce034a4541";

    // The same decoded values as Fields, encoded as a browser would (%20, lowercase escapes, ~ * ! ( ) ' left bare):
    // the signature is over the decoded values, so it is unchanged.
    private const string FieldsEncodedOtherwise =
        "m_payment_id=1001&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Order%20%231001%20%26%20co&item_description="
        + "&amount_gross=200.00&amount_fee=-4.60&amount_net=195.40&custom_str1=50%25%20off%20(today)%20~%20*yes*!"
        + "&name_first=Zo%c3%ab&name_last=O'Brien&email_address=zoe%2btest%40example.com&merchant_id=10000100";

    private static readonly IPAddress PayFastAddress = IPAddress.Parse("197.97.145.150");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    private static IWebhookReceiver Receiver(params (string Key, string Value)[] settings) =>
        TestSources.Receiver(
            new PayFastProvider(TestSources.HttpClientFactory),
            [("AllowedNetworks:0", "197.97.145.144/28"), ("AllowedNetworks:1", "41.74.179.192/27"), .. settings]);

    private static VerificationResult Verify(IWebhookReceiver receiver, string body, IPAddress? from = null) =>
        receiver.Verify(TestSources.Request(Encoding.UTF8.GetBytes(body), TestSources.Headers(), Now, from ?? PayFastAddress));

    private static EventIdentity Identify(string body) =>
        Receiver().Identify(TestSources.Request(Encoding.UTF8.GetBytes(body), TestSources.Headers(), Now, PayFastAddress));

    [Fact]
    public void Accepts_a_PayFast_notification_signed_without_a_passphrase()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(), $"{Fields}&signature={SignatureWithoutPassphrase}"));
    }

    [Fact]
    public void Accepts_a_PayFast_notification_signed_with_the_passphrase()
    {
        var receiver = Receiver(("Secrets:0", NewPassphrase));

        Assert.Equal(VerificationResult.Valid, Verify(receiver, $"{Fields}&signature={SignatureWithNewPassphrase}"));
    }

    [Fact]
    public void Accepts_a_PayFast_notification_signed_with_the_second_configured_passphrase_during_rotation()
    {
        var receiver = Receiver(("Secrets:0", NewPassphrase), ("Secrets:1", OldPassphrase));

        Assert.True(Verify(receiver, $"{Fields}&signature={SignatureWithOldPassphrase}").IsValid);
        Assert.True(Verify(receiver, $"{Fields}&signature={SignatureWithNewPassphrase}").IsValid);
    }

    [Fact]
    public void Rejects_a_PayFast_notification_signed_with_another_passphrase()
    {
        var result = Verify(Receiver(("Secrets:0", NewPassphrase)), $"{Fields}&signature={SignatureWithOldPassphrase}");

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(NewPassphrase, result.Failure);
    }

    [Fact]
    public void Rejects_an_unsigned_style_signature_once_a_passphrase_is_configured()
    {
        var result = Verify(Receiver(("Secrets:0", NewPassphrase)), $"{Fields}&signature={SignatureWithoutPassphrase}");

        Assert.Equal(VerificationResult.Mismatch, result);
    }

    [Fact]
    public void Rejects_a_PayFast_notification_with_a_changed_amount()
    {
        var tampered = Fields.Replace("amount_gross=200.00", "amount_gross=900.00", StringComparison.Ordinal);

        Assert.Equal(VerificationResult.Mismatch, Verify(Receiver(), $"{tampered}&signature={SignatureWithoutPassphrase}"));
    }

    [Fact]
    public void Rejects_a_PayFast_notification_with_a_field_dropped()
    {
        var dropped = Fields.Replace("&item_description=", "", StringComparison.Ordinal);

        Assert.Equal(VerificationResult.Mismatch, Verify(Receiver(), $"{dropped}&signature={SignatureWithoutPassphrase}"));
    }

    [Fact]
    public void Verifies_the_decoded_values_whatever_form_encoding_carried_them()
    {
        Assert.True(Verify(Receiver(), $"{FieldsEncodedOtherwise}&signature={SignatureWithoutPassphrase}").IsValid);
    }

    [Fact]
    public void Leaves_the_signature_field_out_of_the_signed_text_wherever_it_is()
    {
        Assert.True(Verify(Receiver(), $"signature={SignatureWithoutPassphrase}&{Fields}").IsValid);
        Assert.True(Verify(Receiver(), $"signature={SignatureWithoutPassphrase.ToUpperInvariant()}&{Fields}").IsValid);
    }

    [Fact]
    public void Rejects_a_PayFast_notification_without_a_signature()
    {
        var result = Verify(Receiver(), Fields);

        Assert.Equal(VerificationResult.Fail("The signature field is missing."), result);
        Assert.False(Verify(Receiver(), "").IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-signature")]
    [InlineData("d495aaa2f35e05e307a43b7c9b9b961")]
    [InlineData("d495aaa2f35e05e307a43b7c9b9b96150")]
    [InlineData("z495aaa2f35e05e307a43b7c9b9b9615")]
    [InlineData("%zz%zz%")]
    public void Rejects_a_malformed_signature_field(string signature)
    {
        var result = Verify(Receiver(), $"{Fields}&signature={signature}");

        Assert.Equal(VerificationResult.Fail("The signature field is malformed."), result);
    }

    [Theory]
    [InlineData("&&&")]
    [InlineData("=&=&signature")]
    [InlineData("%%%%=%%%&signature=%")]
    [InlineData("\u00ff\u0000=\u0001")]
    public void Never_throws_on_a_body_that_is_not_a_form(string body)
    {
        Assert.False(Verify(Receiver(("Secrets:0", OldPassphrase)), body).IsValid);
    }

    [Fact]
    public void Rejects_a_PayFast_notification_from_outside_the_allowed_networks()
    {
        var body = $"{Fields}&signature={SignatureWithoutPassphrase}";

        Assert.False(Verify(Receiver(), body, IPAddress.Parse("203.0.113.9")).IsValid);
        Assert.False(Verify(Receiver(), body, IPAddress.Parse("197.97.145.160")).IsValid);
        Assert.False(Verify(Receiver(), body, IPAddress.IPv6Loopback).IsValid);
    }

    [Fact]
    public void Rejects_a_PayFast_notification_whose_source_address_is_unknown()
    {
        var request = TestSources.Request(
            Encoding.UTF8.GetBytes($"{Fields}&signature={SignatureWithoutPassphrase}"), TestSources.Headers(), Now, remoteAddress: null);

        Assert.False(Receiver().Verify(request).IsValid);
    }

    [Fact]
    public void Accepts_a_PayFast_notification_from_any_allowed_network()
    {
        var body = $"{Fields}&signature={SignatureWithoutPassphrase}";

        Assert.True(Verify(Receiver(), body, IPAddress.Parse("197.97.145.144")).IsValid);
        Assert.True(Verify(Receiver(), body, IPAddress.Parse("41.74.179.223")).IsValid);
    }

    [Fact]
    public void Treats_an_IPv4_mapped_IPv6_address_as_its_IPv4_address()
    {
        var body = $"{Fields}&signature={SignatureWithoutPassphrase}";

        Assert.True(Verify(Receiver(), body, IPAddress.Parse("::ffff:197.97.145.150")).IsValid);
        Assert.False(Verify(Receiver(), body, IPAddress.Parse("::ffff:203.0.113.9")).IsValid);
    }

    [Fact]
    public void Accepts_IPv6_networks()
    {
        var receiver = Receiver(("AllowedNetworks:2", "2001:db8::/32"));

        Assert.True(Verify(receiver, $"{Fields}&signature={SignatureWithoutPassphrase}", IPAddress.Parse("2001:db8::5")).IsValid);
    }

    [Fact]
    public void Refuses_a_source_without_allowed_networks()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new PayFastProvider(TestSources.HttpClientFactory), ("Secrets:0", OldPassphrase)));

        Assert.Contains("Hookgate:Sources:test:AllowedNetworks", error.Message);
    }

    [Theory]
    [InlineData("not-a-network")]
    [InlineData("197.97.145.150/28")]
    [InlineData("197.97.145.144/33")]
    public void Refuses_an_allowed_network_that_is_not_a_CIDR(string network)
    {
        var error = Assert.Throws<SourceConfigurationException>(() => Receiver(("AllowedNetworks:2", network)));

        Assert.Contains("Hookgate:Sources:test:AllowedNetworks", error.Message);
        Assert.Contains(network, error.Message);
    }

    [Fact]
    public void Accepts_the_contract_Passphrase_setting_beside_rotated_Secrets()
    {
        var receiver = Receiver(("Passphrase", NewPassphrase), ("Secrets:0", OldPassphrase));

        Assert.Equal(VerificationResult.Valid, Verify(receiver, $"{Fields}&signature={SignatureWithNewPassphrase}"));
        Assert.Equal(VerificationResult.Valid, Verify(receiver, $"{Fields}&signature={SignatureWithOldPassphrase}"));
        Assert.False(Verify(receiver, $"{Fields}&signature={SignatureWithoutPassphrase}").IsValid);
    }

    [Fact]
    public void Identifies_a_notification_by_payment_and_status_and_orders_it_by_the_merchant_payment()
    {
        var identity = Identify($"{Fields}&signature={SignatureWithoutPassphrase}");

        Assert.Equal(new EventIdentity("payment.complete", "1089250:COMPLETE", "1001", "1089250"), identity);
    }

    [Fact]
    public void Orders_by_the_PayFast_payment_when_the_merchant_sent_no_payment_id()
    {
        var identity = Identify("pf_payment_id=1089251&payment_status=CANCELLED&item_name=Order+%231002&signature=00");

        Assert.Equal(new EventIdentity("payment.cancelled", "1089251:CANCELLED", "1089251", "1089251"), identity);
    }

    [Fact]
    public void Decodes_the_fields_it_identifies_by()
    {
        var identity = Identify("m_payment_id=Order%20%231001+%26+co&pf_payment_id=1089250&payment_status=FAILED");

        Assert.Equal("Order #1001 & co", identity.OrderingKey);
        Assert.Equal("payment.failed", identity.EventType);
    }

    [Fact]
    public void Identifies_a_body_that_is_not_a_form_by_its_hash()
    {
        const string body = """{"pf_payment_id":1089250}""";

        var identity = Identify(body);

        Assert.Equal(new EventIdentity("unknown", BodyHash.DedupKey(Encoding.UTF8.GetBytes(body)), null, null), identity);
    }
}

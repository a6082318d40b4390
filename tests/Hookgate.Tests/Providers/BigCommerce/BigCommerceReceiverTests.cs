using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.BigCommerce;
using Hookgate.Sources;
using Hookgate.Verification;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Tests.Providers.BigCommerce;

public sealed class BigCommerceReceiverTests
{
    private const string SecretHeader = "X-Hookgate-Secret";
    private const string SecretOne = "bc-secret-one";
    private const string SecretTwo = "bc-secret-two";
    private const string Username = "hookgate";

    // Basic credentials computed outside Hookgate with `printf '<user>:<password>' | base64`.
    private const string BasicOne = "Basic aG9va2dhdGU6YmMtc2VjcmV0LW9uZQ==";      // hookgate:bc-secret-one
    private const string BasicTwo = "Basic aG9va2dhdGU6YmMtc2VjcmV0LXR3bw==";      // hookgate:bc-secret-two
    private const string BasicIntruder = "Basic aW50cnVkZXI6YmMtc2VjcmV0LW9uZQ=="; // intruder:bc-secret-one
    private const string BasicNoColon = "Basic aG9va2dhdGUtbm8tY29sb24=";          // hookgate-no-colon

    private const string OrderCreated = """
        {"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1561479335,"producer":"stores/j4ws9dk8"}
        """;

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1561479340);

    private static IWebhookReceiver HeaderOnly(params (string Key, string Value)[] settings) =>
        TestSources.Receiver(new BigCommerceProvider(TestSources.HttpClientFactory), [("Secrets:0", SecretOne), ("Header", SecretHeader), .. settings]);

    private static IWebhookReceiver BasicOnly(params (string Key, string Value)[] settings) =>
        TestSources.Receiver(new BigCommerceProvider(TestSources.HttpClientFactory), [("Secrets:0", SecretOne), ("Username", Username), .. settings]);

    private static IWebhookReceiver Both() =>
        TestSources.Receiver(new BigCommerceProvider(TestSources.HttpClientFactory), ("Secrets:0", SecretOne), ("Header", SecretHeader), ("Username", Username));

    private static VerificationResult Verify(IWebhookReceiver receiver, HeaderDictionary headers) =>
        receiver.Verify(TestSources.Request(Encoding.UTF8.GetBytes(OrderCreated), headers, Now));

    private static EventIdentity Identify(string body) =>
        HeaderOnly().Identify(TestSources.Request(Encoding.UTF8.GetBytes(body), TestSources.Headers(), Now));

    [Fact]
    public void Accepts_a_delivery_carrying_the_secret_header()
    {
        Assert.Equal(VerificationResult.Valid, Verify(HeaderOnly(), TestSources.Headers((SecretHeader, SecretOne))));
    }

    [Fact]
    public void Rejects_a_delivery_with_a_wrong_secret_header()
    {
        var result = Verify(HeaderOnly(), TestSources.Headers((SecretHeader, SecretTwo)));

        Assert.False(result.IsValid);
        Assert.DoesNotContain(SecretOne, result.Failure);
        Assert.DoesNotContain(SecretTwo, result.Failure);
    }

    [Fact]
    public void Rejects_a_secret_header_that_differs_by_one_character()
    {
        Assert.False(Verify(HeaderOnly(), TestSources.Headers((SecretHeader, "bc-secret-onf"))).IsValid);
        Assert.False(Verify(HeaderOnly(), TestSources.Headers((SecretHeader, SecretOne + " extra"))).IsValid);
    }

    [Fact]
    public void Accepts_the_second_configured_secret_during_rotation()
    {
        var receiver = HeaderOnly(("Secrets:1", SecretTwo));

        Assert.True(Verify(receiver, TestSources.Headers((SecretHeader, SecretTwo))).IsValid);
        Assert.True(Verify(receiver, TestSources.Headers((SecretHeader, SecretOne))).IsValid);
    }

    [Fact]
    public void Rejects_a_delivery_without_the_secret_header()
    {
        Assert.Equal(VerificationResult.MissingHeader(SecretHeader), Verify(HeaderOnly(), TestSources.Headers()));
        Assert.Equal(VerificationResult.MissingHeader(SecretHeader), Verify(HeaderOnly(), TestSources.Headers((SecretHeader, ""))));
    }

    [Fact]
    public void Accepts_basic_credentials_with_the_configured_user_name_and_a_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(BasicOnly(), TestSources.Headers(("Authorization", BasicOne))));
        Assert.True(Verify(BasicOnly(), TestSources.Headers(("Authorization", "basic  aG9va2dhdGU6YmMtc2VjcmV0LW9uZQ=="))).IsValid);
    }

    [Fact]
    public void Accepts_basic_credentials_with_the_second_configured_secret_during_rotation()
    {
        Assert.False(Verify(BasicOnly(), TestSources.Headers(("Authorization", BasicTwo))).IsValid);
        Assert.True(Verify(BasicOnly(("Secrets:1", SecretTwo)), TestSources.Headers(("Authorization", BasicTwo))).IsValid);
    }

    [Fact]
    public void Rejects_basic_credentials_with_a_wrong_user_name()
    {
        var result = Verify(BasicOnly(), TestSources.Headers(("Authorization", BasicIntruder)));

        Assert.False(result.IsValid);
        Assert.DoesNotContain(SecretOne, result.Failure);
    }

    [Fact]
    public void Rejects_a_delivery_without_basic_credentials()
    {
        Assert.Equal(VerificationResult.MissingHeader("Authorization"), Verify(BasicOnly(), TestSources.Headers()));
    }

    [Theory]
    [InlineData("Bearer aG9va2dhdGU6YmMtc2VjcmV0LW9uZQ==")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic %%%not-base64%%%")]
    [InlineData(BasicNoColon)]
    public void Rejects_malformed_basic_credentials(string authorization)
    {
        var result = Verify(BasicOnly(), TestSources.Headers(("Authorization", authorization)));

        Assert.Equal(VerificationResult.Malformed("Authorization"), result);
    }

    [Fact]
    public void Rejects_basic_credentials_too_long_to_be_ours()
    {
        var huge = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + new string('x', 5000)));

        Assert.False(Verify(BasicOnly(), TestSources.Headers(("Authorization", huge))).IsValid);
    }

    [Fact]
    public void Accepts_a_delivery_carrying_both_the_secret_header_and_basic_credentials()
    {
        var headers = TestSources.Headers((SecretHeader, SecretOne), ("Authorization", BasicOne));

        Assert.Equal(VerificationResult.Valid, Verify(Both(), headers));
    }

    [Fact]
    public void Requires_both_credentials_when_both_are_configured()
    {
        Assert.False(Verify(Both(), TestSources.Headers((SecretHeader, SecretOne))).IsValid);
        Assert.False(Verify(Both(), TestSources.Headers(("Authorization", BasicOne))).IsValid);
        Assert.False(Verify(Both(), TestSources.Headers((SecretHeader, SecretOne), ("Authorization", BasicIntruder))).IsValid);
        Assert.False(Verify(Both(), TestSources.Headers((SecretHeader, "wrong"), ("Authorization", BasicOne))).IsValid);
    }

    [Fact]
    public void Lists_the_secret_header_and_authorization_as_credentials_not_to_store()
    {
        Assert.Equal([SecretHeader, "Authorization"], Both().CredentialHeaders);
        Assert.Equal(["Authorization"], BasicOnly().CredentialHeaders);
    }

    [Fact]
    public void Refuses_a_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new BigCommerceProvider(TestSources.HttpClientFactory), ("Header", SecretHeader)));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Fact]
    public void Refuses_a_source_with_neither_a_secret_header_nor_a_user_name()
    {
        var error = Assert.Throws<SourceConfigurationException>(
            () => TestSources.Receiver(new BigCommerceProvider(TestSources.HttpClientFactory), ("Secrets:0", SecretOne)));

        Assert.Contains("Hookgate:Sources:test:Header", error.Message);
        Assert.Contains("Hookgate:Sources:test:Username", error.Message);
    }

    [Fact]
    public void Identifies_an_order_event_by_scope_and_hash_and_orders_it_by_store_and_order()
    {
        var identity = Identify(OrderCreated);

        Assert.Equal(
            new EventIdentity(
                EventType: "store/order/created",
                DedupKey: "store/order/created:dd70c0976e06b67aaf671e73f49dcb79230ebf9d",
                OrderingKey: "stores/j4ws9dk8:order:250",
                ProviderEventId: "dd70c0976e06b67aaf671e73f49dcb79230ebf9d"),
            identity);
    }

    [Fact]
    public void Leaves_the_ordering_key_empty_when_the_payload_names_no_resource()
    {
        var identity = Identify("""{"scope":"store/app/uninstalled","store_id":"1025646","data":{},"hash":"abc","producer":"stores/j4ws9dk8"}""");

        Assert.Equal(new EventIdentity("store/app/uninstalled", "store/app/uninstalled:abc", null, "abc"), identity);
    }

    [Fact]
    public void Identifies_a_payload_without_a_hash_by_the_body_hash()
    {
        const string body = """{"scope":"store/product/updated","data":{"type":"product","id":77},"producer":"stores/j4ws9dk8"}""";

        var identity = Identify(body);

        Assert.Equal(BodyHash.DedupKey(Encoding.UTF8.GetBytes(body)), identity.DedupKey);
        Assert.Equal("stores/j4ws9dk8:product:77", identity.OrderingKey);
        Assert.Null(identity.ProviderEventId);
    }

    [Fact]
    public void Identifies_a_body_that_is_not_json_by_its_hash()
    {
        const string body = "scope=store/order/created&hash=1";

        Assert.Equal(new EventIdentity("unknown", BodyHash.DedupKey(Encoding.UTF8.GetBytes(body)), null, null), Identify(body));
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.BigCommerce;
using Hookgate.Providers.GenericHmac;
using Hookgate.Providers.GitHub;
using Hookgate.Providers.PayFast;
using Hookgate.Providers.Salla;
using Hookgate.Providers.Shopify;
using Hookgate.Providers.StandardWebhooks;
using Hookgate.Providers.Stripe;
using Hookgate.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hookgate.Benchmarks;

/// <summary>One delivery as the gateway would see it: the receiver built from configuration, and a request it accepts.</summary>
internal sealed class Delivery(IWebhookReceiver receiver, byte[] body, HeaderDictionary headers, IPAddress? remoteAddress, DateTimeOffset receivedAt)
{
    public IWebhookReceiver Receiver { get; } = receiver;

    public byte[] Body { get; } = body;

    public WebhookRequest Request => new(Body, headers, remoteAddress, receivedAt);
}

/// <summary>
/// Receivers built the way the gateway builds them (the provider's CreateReceiver over a source bound from
/// configuration), with requests signed here with the BCL, never with the code under test.
/// </summary>
internal static class Deliveries
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1717000002);

    private static readonly IHttpClientFactory HttpClientFactory =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private const string StripeSecret = "whsec_test_3c1f0e7a9b2d4c6e8f0a1b3c5d7e9f1a";
    private const string GitHubSecret = "gh-primary-secret";
    private const string ShopifySecret = "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";
    private const string SallaSecret = "salla-webhook-secret-7f3a9c1e";
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string BigCommerceSecret = "bc-shared-secret-1b2c3d4e";
    private const string PayFastPassphrase = "jt7NOE43FZPn";
    private const string HmacSecret = "generic-hmac-secret-0a9b8c7d";

    public static Delivery Stripe(byte[] body)
    {
        var receiver = Receiver(new StripeProvider(), ("Secrets:0", StripeSecret));
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(StripeSecret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
        return new Delivery(receiver, body, Headers((StripeSignature.Header, $"t={timestamp},v1={mac}")), null, Now);
    }

    public static Delivery GitHub(byte[] body)
    {
        var receiver = Receiver(new GitHubProvider(), ("Secrets:0", GitHubSecret));
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubSecret), body));
        return new Delivery(receiver, body, Headers(
            (GitHubSignature.Header, "sha256=" + mac),
            (GitHubReceiver.EventHeader, "issues"),
            (GitHubReceiver.DeliveryHeader, "72d3162e-cc78-11e3-81ab-4c9367dc0958")), null, Now);
    }

    public static Delivery Shopify(byte[] body)
    {
        var receiver = Receiver(new ShopifyProvider(), ("Secrets:0", ShopifySecret));
        var mac = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifySecret), body));
        return new Delivery(receiver, body, Headers(
            (ShopifySignature.Header, mac),
            (ShopifyReceiver.TopicHeader, "orders/create"),
            (ShopifyReceiver.ShopDomainHeader, "acme.myshopify.com"),
            (ShopifyReceiver.WebhookIdHeader, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
            (ShopifyReceiver.EventIdHeader, "98880550-7158-44d4-b7cd-2c97c8a091b5")), null, Now);
    }

    public static Delivery Salla(byte[] body)
    {
        var receiver = Receiver(new SallaProvider(), ("Secrets:0", SallaSecret));
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SallaSecret), body));
        return new Delivery(receiver, body, Headers(
            (SallaSignature.StrategyHeader, "Signature"),
            (SallaSignature.SignatureHeader, mac)), null, Now);
    }

    public static Delivery SallaToken(byte[] body)
    {
        var receiver = Receiver(new SallaProvider(), ("Secrets:0", SallaSecret), ("Strategy", "Token"));
        return new Delivery(receiver, body, Headers(
            (SallaSignature.StrategyHeader, "Token"),
            (SallaSignature.AuthorizationHeader, "Bearer " + SallaSecret)), null, Now);
    }

    public static Delivery Standard(byte[] body)
    {
        var receiver = Receiver(new StandardWebhooksProvider(), ("Secrets:0", StandardSecret));
        const string id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(StandardSecret["whsec_".Length..]);
        var mac = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body]));
        return new Delivery(receiver, body, Headers(
            (StandardWebhooksSignature.IdHeader, id),
            (StandardWebhooksSignature.TimestampHeader, timestamp),
            (StandardWebhooksSignature.SignatureHeader, "v1," + mac)), null, Now);
    }

    public static Delivery BigCommerce(byte[] body)
    {
        const string username = "hookgate";
        var receiver = Receiver(
            new BigCommerceProvider(HttpClientFactory),
            ("Secrets:0", BigCommerceSecret), ("Header", "X-Hookgate-Secret"), ("Username", username));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{BigCommerceSecret}"));
        return new Delivery(receiver, body, Headers(
            ("X-Hookgate-Secret", BigCommerceSecret),
            (BigCommerceCredentials.Authorization, "Basic " + basic)), null, Now);
    }

    public static Delivery PayFast()
    {
        var receiver = Receiver(
            new PayFastProvider(HttpClientFactory),
            ("AllowedNetworks:0", "197.97.145.144/28"), ("AllowedNetworks:1", "41.74.179.192/27"), ("Passphrase", PayFastPassphrase));

        // The fields are already PHP-urlencoded and the passphrase has nothing to escape, so the signed text is the body's.
        var mac = Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes($"{Payloads.PayFastFields}&passphrase={PayFastPassphrase}")));
        var body = Encoding.ASCII.GetBytes($"{Payloads.PayFastFields}&signature={mac}");
        return new Delivery(receiver, body, Headers(), IPAddress.Parse("197.97.145.150"), Now);
    }

    /// <summary>The generic HMAC provider with a signed timestamp: HMAC-SHA256 of <c>{timestamp}.{body}</c>, hex.</summary>
    public static Delivery HmacTimestamped(byte[] body)
    {
        var receiver = Receiver(
            new GenericHmacProvider(),
            ("Secrets:0", HmacSecret), ("Header", "X-Signature"), ("Prefix", "sha256="), ("TimestampHeader", "X-Timestamp"), ("IdHeader", "X-Event-Id"));
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacSecret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
        return new Delivery(receiver, body, Headers(
            ("X-Signature", "sha256=" + mac),
            ("X-Timestamp", timestamp),
            ("X-Event-Id", "evt_01HZX3K9QF8M2T7V6B5N4C3D2E")), null, Now);
    }

    /// <summary>The generic HMAC provider over the body alone.</summary>
    public static Delivery HmacBody(byte[] body)
    {
        var receiver = Receiver(new GenericHmacProvider(), ("Secrets:0", HmacSecret), ("Header", "X-Signature"));
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacSecret), body));
        return new Delivery(receiver, body, Headers(("X-Signature", mac)), null, Now);
    }

    private static IWebhookReceiver Receiver(IWebhookProvider provider, params (string Key, string Value)[] settings) =>
        provider.CreateReceiver(Define("bench", settings));

    public static SourceDefinition Define(string name, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Hookgate:Sources:{name}:{s.Key}", (string?)s.Value)))
            .Build();
        return SourceDefinition.FromSection(configuration.GetSection($"Hookgate:Sources:{name}"));
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary.Append(name, value);
        }

        return dictionary;
    }
}

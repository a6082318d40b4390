using System.Net;
using Hookgate.Processing;
using Hookgate.Providers;
using Hookgate.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hookgate.Tests.Providers;

/// <summary>Builds a source exactly as configuration would, for tests of one provider's receiver or translator.</summary>
public static class TestSources
{
    /// <summary>The factory the gateway registers (<c>AddHttpClient()</c>), for providers that call their sender's API.</summary>
    public static IHttpClientFactory HttpClientFactory { get; } =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    public static SourceDefinition Define(string name, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Hookgate:Sources:{name}:{s.Key}", (string?)s.Value)))
            .Build();
        return SourceDefinition.FromSection(configuration.GetSection($"Hookgate:Sources:{name}"));
    }

    public static IWebhookReceiver Receiver(IWebhookProvider provider, params (string Key, string Value)[] settings) =>
        provider.CreateReceiver(Define("test", settings));

    public static IEventTranslator Translator(IWebhookProvider provider, params (string Key, string Value)[] settings) =>
        provider.CreateTranslator(Define("test", settings)) ?? throw new InvalidOperationException($"{provider.Name} has no translator.");

    public static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary.Append(name, value);
        }

        return dictionary;
    }

    public static WebhookRequest Request(byte[] body, HeaderDictionary headers, DateTimeOffset receivedAt, IPAddress? remoteAddress = null) =>
        new(body, headers, remoteAddress, receivedAt);

    /// <summary>Configuration entries listing the secrets in order, as <c>Secrets:0</c>, <c>Secrets:1</c>, ...</summary>
    public static (string Key, string Value)[] Secrets(params string[] secrets) =>
        secrets.Select((secret, i) => ($"Secrets:{i}", secret)).ToArray();

    public static WebhookRequest Request(byte[] body, DateTimeOffset receivedAt, params (string Name, string Value)[] headers) =>
        new(body, Headers(headers), remoteAddress: null, receivedAt);

    /// <summary>A copy of the body with one byte changed, as a tampering proxy would.</summary>
    public static byte[] WithOneByteChanged(byte[] body)
    {
        var copy = (byte[])body.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }
}

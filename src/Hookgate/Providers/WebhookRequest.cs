using System.Net;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Providers;

/// <summary>What a receiver sees of one delivery: the raw body byte for byte, the headers, the peer and the time.</summary>
public readonly ref struct WebhookRequest(
    ReadOnlySpan<byte> body,
    IHeaderDictionary headers,
    IPAddress? remoteAddress,
    DateTimeOffset receivedAt)
{
    public ReadOnlySpan<byte> Body { get; } = body;
    public IHeaderDictionary Headers { get; } = headers;
    public IPAddress? RemoteAddress { get; } = remoteAddress;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>The first value of a header, or null when absent or empty.</summary>
    public string? Header(string name)
    {
        var values = Headers[name];
        return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
    }
}

namespace Hookgate.Providers.GenericHmac;

/// <summary>How a sender without a dedicated provider signs its webhooks (<c>Hookgate:Sources:&lt;name&gt;:...</c>).</summary>
public sealed record GenericHmacSettings
{
    /// <summary>The header carrying the signature.</summary>
    public string? Header { get; init; }

    /// <summary><c>sha1</c>, <c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; init; } = "sha256";

    /// <summary><c>hex</c> or <c>base64</c>.</summary>
    public string Encoding { get; init; } = "hex";

    /// <summary>Text before the signature in the header (<c>sha256=</c>); a header without it is malformed.</summary>
    public string? Prefix { get; init; }

    /// <summary>When set, the signed content is <c>{timestamp}.{body}</c> and the timestamp (unix seconds) must be recent.</summary>
    public string? TimestampHeader { get; init; }

    /// <summary>The header carrying the event or delivery id, used for deduplication.</summary>
    public string? IdHeader { get; init; }

    /// <summary>The header carrying the event type; without it the body's <c>type</c> or <c>event</c> is used.</summary>
    public string? EventTypeHeader { get; init; }
}

using System.Text.Json;

namespace Hookgate.Processing;

/// <summary>An event as stored at receipt, read back for processing, replay or display.</summary>
public sealed record StoredEvent(
    Guid Id,
    string Source,
    string Provider,
    string EventType,
    string? ProviderEventId,
    string OrderingKey,
    DateTimeOffset ReceivedAt,
    string? ContentType,
    string Headers,
    byte[] Body)
{
    // Parsed once per event, however many headers a translator asks for; kept with the text it was parsed from,
    // so a copy made with `with { Headers = ... }` parses its own.
    private (string From, Dictionary<string, string> Values)? parsedHeaders;

    /// <summary>The first value of a stored request header (names compare case-insensitively), or null.</summary>
    public string? Header(string name)
    {
        if (parsedHeaders is not { } parsed || !ReferenceEquals(parsed.From, Headers))
        {
            parsed = (Headers, ParseFirstValues(Headers));
            parsedHeaders = parsed;
        }

        return parsed.Values.GetValueOrDefault(name);
    }

    private static Dictionary<string, string> ParseFirstValues(string headers)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(headers);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.GetArrayLength() > 0 && property.Value[0].GetString() is { } value)
            {
                values.TryAdd(property.Name, value);
            }
        }

        return values;
    }
}

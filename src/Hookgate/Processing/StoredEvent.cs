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
    /// <summary>The first value of a stored request header (names compare case-insensitively), or null.</summary>
    public string? Header(string name)
    {
        using var document = JsonDocument.Parse(Headers);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.GetArrayLength() > 0)
            {
                return property.Value[0].GetString();
            }
        }

        return null;
    }
}

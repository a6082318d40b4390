using System.Text;
using System.Text.Json;

namespace Hookgate.Providers;

/// <summary>
/// Reads a few fields out of a JSON body without building a document, for the identity ingest needs.
/// A body that is not JSON simply has no fields: ingest stores it and processing dead-letters it.
/// </summary>
public static class JsonProbe
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>The value at a dotted path (<c>data.object.id</c>) as text: strings unescaped, numbers as written.</summary>
    public static string? Read(ReadOnlySpan<byte> json, string path)
    {
        try
        {
            return ReadCore(json, path);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? ReadCore(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var segments = path.AsSpan();
        while (true)
        {
            var dot = segments.IndexOf('.');
            var name = dot < 0 ? segments : segments[..dot];
            if (!SeekProperty(ref reader, name))
            {
                return null;
            }

            reader.Read();
            if (dot < 0)
            {
                return reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    _ => null,
                };
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            segments = segments[(dot + 1)..];
        }
    }

    /// <summary>Moves the reader to the named property of the object it is in, skipping the other values.</summary>
    private static bool SeekProperty(ref Utf8JsonReader reader, ReadOnlySpan<char> name)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return false;
            }

            if (reader.ValueTextEquals(name))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }
}

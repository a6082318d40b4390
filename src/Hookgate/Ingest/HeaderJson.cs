using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Hookgate.Ingest;

/// <summary>
/// The request's headers as stored with the event (<c>{"name": ["value", ...]}</c>), so it can be re-verified and
/// replayed. Headers that carry a credential in clear are left out: the database must not hold secrets.
/// </summary>
public static class HeaderJson
{
    private static readonly string[] AlwaysLeftOut = ["Authorization", "Proxy-Authorization", "Cookie"];

    public static string Write(IHeaderDictionary headers, IReadOnlyList<string> credentialHeaders)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in headers)
            {
                if (IsLeftOut(name, credentialHeaders))
                {
                    continue;
                }

                writer.WriteStartArray(name);
                foreach (var value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsLeftOut(string name, IReadOnlyList<string> credentialHeaders)
    {
        foreach (var leftOut in AlwaysLeftOut)
        {
            if (string.Equals(name, leftOut, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var leftOut in credentialHeaders)
        {
            if (string.Equals(name, leftOut, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

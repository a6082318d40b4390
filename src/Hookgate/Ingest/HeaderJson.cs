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

    // One buffer and writer per thread, reset for each request: allocated per request they were about a tenth of all
    // the gateway allocated to take a webhook (docs/benchmarks.md). Write never awaits, so nothing else runs on the
    // thread between the reset and the copy out.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    public static string Write(IHeaderDictionary headers, IReadOnlyList<string> credentialHeaders)
    {
        var buffer = threadBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = threadWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);

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
        writer.Flush();
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

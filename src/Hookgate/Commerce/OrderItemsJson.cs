using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hookgate.Storage;

namespace Hookgate.Commerce;

/// <summary>An order's items as the one JSON array parameter that inserts them all (see <see cref="CommerceStore"/>).</summary>
public static class OrderItemsJson
{
    // The text goes to a database, not a web page: no need to escape every non-ASCII letter of a name.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="priceFormat">How a price is written, as text: see <see cref="CommerceStore"/>.</param>
    public static string Write(IReadOnlyList<OrderItem> items, string? priceFormat)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, items.Count * 96));
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartObject();
                WriteText(json, "e", item.ExternalId);
                WriteText(json, "s", item.Sku);
                WriteText(json, "n", item.Name);
                json.WriteNumber("q", item.Quantity);
                json.WriteString("p", item.UnitPrice.ToString(priceFormat, CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, StatementBatch.Storable(value));
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hookgate.Providers.Salla;

/// <summary>Generated metadata for Salla's bodies, so reading them needs no reflection.</summary>
// AllowDuplicateProperties = false: a key sent twice is refused (the event is dead-lettered naming it) rather than read
// last-wins, since the identity ingest reads (JsonProbe) takes the first and the two must never disagree.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SallaEnvelope<SallaOrder>), TypeInfoPropertyName = "OrderEvent")]
[JsonSerializable(typeof(SallaEnvelope<SallaOrderStatusUpdate>), TypeInfoPropertyName = "OrderStatusEvent")]
[JsonSerializable(typeof(SallaEnvelope<SallaCustomer>), TypeInfoPropertyName = "CustomerEvent")]
[JsonSerializable(typeof(SallaEnvelope<SallaProduct>), TypeInfoPropertyName = "ProductEvent")]
[JsonSerializable(typeof(SallaEnvelope<SallaCart>), TypeInfoPropertyName = "CartEvent")]
[JsonSerializable(typeof(SallaEnvelope<SallaEntityRef>), TypeInfoPropertyName = "DeletionEvent")]
internal sealed partial class SallaJsonContext : JsonSerializerContext;

/// <summary>
/// Reads a JSON number or string as its text. Salla sends ids and phone numbers as either, and ids can exceed
/// what a 32-bit integer holds; we only ever compare or store them. A blank string is no id: read as absent.
/// </summary>
internal sealed class SallaTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),

            // No message: System.Text.Json then writes one naming the expected type and the JSON path.
            _ => throw new JsonException(),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Reads <c>{amount, currency}</c> with a numeric or string amount, or a bare amount with no currency.</summary>
internal sealed class SallaMoneyConverter : JsonConverter<SallaMoney>
{
    public override SallaMoney Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new SallaMoney(ReadAmount(ref reader), Currency: null);
        }

        decimal? amount = null;
        string? currency = null;
        bool seenAmount = false, seenCurrency = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isAmount = reader.ValueTextEquals("amount"u8);
            var isCurrency = !isAmount && reader.ValueTextEquals("currency"u8);

            // Refused like any other key sent twice (see SallaJsonContext), not read last-wins.
            if ((isAmount && seenAmount) || (isCurrency && seenCurrency))
            {
                throw new JsonException($"Duplicate property '{(isAmount ? "amount" : "currency")}' in a money value.");
            }

            seenAmount |= isAmount;
            seenCurrency |= isCurrency;
            reader.Read();
            if (isAmount)
            {
                amount = ReadAmount(ref reader);
            }
            else if (isCurrency && reader.TokenType != JsonTokenType.Null)
            {
                currency = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException();
            }
            else
            {
                reader.Skip();
            }
        }

        return new SallaMoney(amount, currency);
    }

    public override void Write(Utf8JsonWriter writer, SallaMoney value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Amount is { } amount)
        {
            writer.WriteNumber("amount"u8, amount);
        }

        writer.WriteString("currency"u8, value.Currency);
        writer.WriteEndObject();
    }

    private static decimal? ReadAmount(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDecimal(),
        JsonTokenType.Null => null,
        JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new JsonException(),
    };
}

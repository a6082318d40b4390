using System.Text.Json.Serialization;

namespace Hookgate.Providers.Shopify;

// Shopify writes money as decimal strings ("199.00").
// AllowDuplicateProperties = false: a key sent twice is refused (the event is dead-lettered naming it) rather than read
// last-wins, since the identity ingest reads (JsonProbe) takes the first and the two must never disagree.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ShopifyOrder))]
[JsonSerializable(typeof(ShopifyCustomer))]
[JsonSerializable(typeof(ShopifyProduct))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext;

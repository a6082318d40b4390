using System.Text.Json.Serialization;

namespace Hookgate.Providers.Shopify;

// Shopify writes money as decimal strings ("199.00").
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ShopifyOrder))]
[JsonSerializable(typeof(ShopifyCustomer))]
[JsonSerializable(typeof(ShopifyProduct))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext;

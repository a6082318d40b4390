using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hookgate.Tests.Ingest;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// Successive states of Salla orders, signed as Salla signs them: version n of an order is an <c>order.updated</c>
/// (the first an <c>order.created</c>) stamped n minutes after the first, with a total of 100 + n, so the row a
/// version leaves in <c>orders</c> names the version.
/// </summary>
public sealed class SallaOrderFeed(string source, string secret = "reliability-salla-secret")
{
    private static readonly DateTimeOffset FirstVersionAt = new(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(3));

    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    public string Source => source;

    public string Path => $"/webhooks/{source}";

    public IEnumerable<string> SourceArguments =>
        [$"--Hookgate:Sources:{source}:Provider=salla", $"--Hookgate:Sources:{source}:Secrets:0={secret}"];

    public static decimal Total(int version) => 100 + version;

    public Delivery Version(long orderId, int version)
    {
        var at = FirstVersionAt.AddMinutes(version).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var total = Total(version).ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes($$"""
            {"event":"{{(version == 1 ? "order.created" : "order.updated")}}","merchant":1305146709,"created_at":"{{at}}","data":{
              "id":{{orderId}},"reference_id":"R-{{orderId}}","date":{"date":"2026-01-01 09:00:00.000000","timezone_type":3,"timezone":"Asia/Riyadh"},
              "status":{"slug":"{{(version == 1 ? "under_review" : "in_progress")}}"},"currency":"SAR",
              "amounts":{"total":{"amount":{{total}},"currency":"SAR"} },
              "items":[
                {"id":{{orderId * 10 + 1}},"name":"Arabic coffee 500g","sku":"COF-500","quantity":1,"amounts":{"price_without_tax":{"amount":60,"currency":"SAR"} } },
                {"id":{{orderId * 10 + 2}},"name":"Dates box","sku":"DAT-1KG","quantity":1,"amounts":{"price_without_tax":{"amount":{{Total(version) - 60}},"currency":"SAR"} } }
              ]} }
            """);
        return new Delivery(body, "application/json",
            ("X-Salla-Security-Strategy", "Signature"),
            ("X-Salla-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(key, body))));
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Hookgate.Bench;

/// <summary>
/// Signed Salla <c>order.created</c> webhooks of about 1.5 KB, as Salla documents them, each for its own order
/// (every fifth one an update of an earlier order, and one in fifty a redelivery, as real traffic has).
/// </summary>
public sealed class SallaOrders(string source, string secret, string? path = null)
{
    public const string Provider = "salla";

    public IEnumerable<string> SourceArguments =>
        [$"--Hookgate:Sources:{source}:Provider={Provider}", $"--Hookgate:Sources:{source}:Secrets:0={secret}"];

    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    public HttpRequestMessage Create(int sequence, string runId)
    {
        var duplicate = sequence % 50 == 49;
        var order = duplicate ? sequence - 1 : sequence;
        var isUpdate = order % 5 == 4;
        var orderId = isUpdate ? 1_000_000 + order - 1 : 1_000_000 + order;
        var body = Encoding.UTF8.GetBytes(Body(isUpdate ? "order.updated" : "order.created", orderId, runId, order));
        var request = new HttpRequestMessage(HttpMethod.Post, path ?? $"/webhooks/{source}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Salla-Security-Strategy", "Signature");
        request.Headers.Add("X-Salla-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(key, body)));
        return request;
    }

    private static string Body(string eventName, long orderId, string runId, int sequence)
    {
        var createdAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(3)).AddSeconds(sequence).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var total = 100 + (sequence % 900);
        return $$"""
            {"event":"{{eventName}}","merchant":1305146709,"created_at":"{{createdAt}}","data":{
              "id":{{orderId}},"reference_id":"{{runId}}-{{sequence}}","date":{"date":"2026-01-01 09:00:00.000000","timezone_type":3,"timezone":"Asia/Riyadh"},
              "status":{"id":566146469,"name":"بإنتظار المراجعة","slug":"under_review","customized":{"id":1298199463,"name":"بإنتظار المراجعة"} },
              "payment_method":"bank","currency":"SAR",
              "amounts":{"sub_total":{"amount":{{total - 15}},"currency":"SAR"},"shipping_cost":{"amount":15,"currency":"SAR"},"cash_on_delivery":{"amount":0,"currency":"SAR"},
                "tax":{"percent":"0.00","amount":{"amount":0,"currency":"SAR"} },"discounts":[],"total":{"amount":{{total}},"currency":"SAR"} },
              "shipping":{"company":"Aramex","receiver":{"name":"Sara Ali","email":"sara@example.com","phone":"+966500000000"},
                "address":{"country":"SA","city":"Riyadh","shipping_address":"King Fahd Rd, Riyadh"} },
              "customer":{"id":{{2_000_000 + sequence % 997}},"first_name":"Sara","last_name":"Ali","mobile":500000000,"mobile_code":"+966","email":"sara@example.com","city":"Riyadh","country":"SA"},
              "items":[
                {"id":{{orderId * 10 + 1}},"name":"Arabic coffee 500g","sku":"COF-500","quantity":2,"amounts":{"price_without_tax":{"amount":{{(total - 15) / 4}},"currency":"SAR"},"total":{"amount":{{(total - 15) / 2}},"currency":"SAR"} } },
                {"id":{{orderId * 10 + 2}},"name":"Dates box","sku":"DAT-1KG","quantity":1,"amounts":{"price_without_tax":{"amount":{{(total - 15) - (total - 15) / 2}},"currency":"SAR"},"total":{"amount":{{(total - 15) - (total - 15) / 2}},"currency":"SAR"} } }
              ]} }
            """;
    }
}

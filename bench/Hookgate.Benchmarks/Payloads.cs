using System.Text;

namespace Hookgate.Benchmarks;

/// <summary>
/// Bodies shaped as the providers send them, copied from the shapes the provider tests use (the benchmarks do not
/// reference the test project). Sizes are what matters for verification; shapes are what matters for identity and
/// translation.
/// </summary>
internal static class Payloads
{
    /// <summary>A Stripe <c>payment_intent.succeeded</c> event: 1.5 KB, the body every JSON provider's Verify signs.</summary>
    public const string StripePaymentIntentSucceeded = """
        {
          "id": "evt_1PqRsT2eZvKYlo2C0a1b2c3d",
          "object": "event",
          "api_version": "2024-06-20",
          "created": 1717000000,
          "data": {"object": {
            "id": "pi_3PqRsT2eZvKYlo2C1x2y3z4w",
            "object": "payment_intent",
            "amount": 2000,
            "amount_capturable": 0,
            "amount_details": {"tip": { } },
            "amount_received": 2000,
            "application": null,
            "capture_method": "automatic_async",
            "client_secret": "pi_3PqRsT2eZvKYlo2C1x2y3z4w_secret_abc",
            "confirmation_method": "automatic",
            "created": 1716999990,
            "currency": "usd",
            "customer": "cus_Q8sLZ4bKpW1xYz",
            "description": "Order #1001 from the web shop",
            "last_payment_error": null,
            "latest_charge": "ch_3PqRsT2eZvKYlo2C1a2b3c4d",
            "livemode": false,
            "metadata": {"order_id": "ord_1001", "cart_id": "cart_7f3a9c1e", "channel": "web"},
            "payment_method": "pm_1PqRsS2eZvKYlo2CkLmNoPqR",
            "payment_method_configuration_details": {"id": "pmc_1PqRsS2eZvKYlo2CxYzAbCdE", "parent": null},
            "payment_method_options": {"card": {"installments": null, "mandate_options": null, "network": null, "request_three_d_secure": "automatic"}},
            "payment_method_types": ["card"],
            "receipt_email": "jenny@example.com",
            "shipping": {"address": {"city": "San Francisco", "country": "US", "line1": "510 Townsend St", "line2": null, "postal_code": "94103", "state": "CA"}, "name": "Jenny Rosen", "phone": null},
            "statement_descriptor": null,
            "statement_descriptor_suffix": null,
            "status": "succeeded",
            "transfer_data": null,
            "transfer_group": null
          } },
          "livemode": false,
          "pending_webhooks": 1,
          "request": {"id": "req_6tH7k2Lm9N0pQr", "idempotency_key": "7a2b6c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d"},
          "type": "payment_intent.succeeded"
        }
        """;

    /// <summary>Salla's <c>order.created</c> with one item, as in docs.salla.dev's store events.</summary>
    public const string SallaOrderCreated = """
        {
          "event": "order.created",
          "merchant": 1305146709,
          "created_at": "Sun Jun 26 2022 12:21:48 GMT+0300",
          "data": {
            "id": 2116149737,
            "reference_id": 41027662,
            "urls": {
              "customer": "https://salla.sa/dev-wofftr4xsra5xtlv/order/DXZbOz68qjnYaOw04oBa35wVELBpJyxo",
              "admin": "https://s.salla.sa/orders/order/DXZbOz68qjnYaOw04oBa35wVELBpJyxo"
            },
            "date": { "date": "2022-06-26 12:21:45.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "source": "store",
            "first_complete_at": null,
            "status": {
              "id": 566146469,
              "name": "بإنتظار المراجعة",
              "slug": "under_review",
              "customized": { "id": 986688842, "name": "بإنتظار المراجعة" }
            },
            "payment_method": "bank",
            "currency": "SAR",
            "amounts": {
              "sub_total": { "amount": 186, "currency": "SAR" },
              "shipping_cost": { "amount": 15, "currency": "SAR" },
              "cash_on_delivery": { "amount": 0, "currency": "SAR" },
              "tax": { "percent": "0.00", "amount": { "amount": 0, "currency": "SAR" } },
              "discounts": [ { "title": "new offer", "type": "special", "code": "new offer", "discount": "5.00", "discounted_shipping": 0 } ],
              "total": { "amount": 196, "currency": "SAR" }
            },
            "shipping": {
              "id": 1833934431,
              "company": "السعودية",
              "receiver": { "name": "Mohammed Ali", "email": "usertest@gmail.com", "phone": "999123456789" },
              "address": { "country": "SA", "city": "جدة", "geo_coordinates": { "lat": 0, "lng": 0 } }
            },
            "can_cancel": true,
            "total_weight": "٠٫٢٥ كجم",
            "customer": {
              "id": 225167971,
              "first_name": "Mohammed",
              "last_name": "Ali",
              "mobile": 501806978,
              "mobile_code": "+966",
              "email": "usertest@gmail.com",
              "gender": "female",
              "birthday": { "date": "1997-06-03 00:00:00.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
              "city": "جدة",
              "country": "السعودية"
            },
            "items": [
              {
                "id": 70815337,
                "name": "بيتزا",
                "sku": "54534534",
                "quantity": 1,
                "currency": "SAR",
                "weight": 0.25,
                "amounts": {
                  "price_without_tax": { "amount": 186, "currency": "SAR" },
                  "total_discount": { "amount": 5, "currency": "SAR" },
                  "tax": { "percent": "0.00", "amount": { "amount": 0, "currency": "SAR" } },
                  "total": { "amount": 186, "currency": "SAR" }
                },
                "product": { "id": 720881993, "type": "food", "status": "sale", "price": { "amount": 66, "currency": "SAR" } },
                "options": [ { "id": 1197801866, "name": "SIZE", "type": "checkbox", "value": [ { "id": 408420634, "name": "BIG" } ] } ]
              }
            ],
            "tags": []
          }
        }
        """;

    /// <summary>Shopify's <c>orders/create</c> with its customer and two line items.</summary>
    public const string ShopifyOrder = """
        {
          "id": 820982911946154508,
          "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
          "app_id": null,
          "browser_ip": null,
          "buyer_accepts_marketing": true,
          "cancel_reason": null,
          "cancelled_at": null,
          "closed_at": null,
          "confirmation_number": "K8Y2N9X3Q",
          "confirmed": true,
          "contact_email": "jon@example.com",
          "created_at": "2024-05-29T12:26:40-04:00",
          "currency": "USD",
          "current_total_price": "403.00",
          "email": "jon@example.com",
          "financial_status": "paid",
          "fulfillment_status": null,
          "name": "#1001",
          "number": 1,
          "order_number": 1001,
          "presentment_currency": "USD",
          "subtotal_price": "403.00",
          "tags": "",
          "test": true,
          "total_price": "403.00",
          "total_price_set": {"shop_money": {"amount": "403.00", "currency_code": "USD"}, "presentment_money": {"amount": "403.00", "currency_code": "USD"}},
          "total_tax": "0.00",
          "updated_at": "2024-05-29T12:27:12-04:00",
          "billing_address": {"first_name": "John", "last_name": "Smith", "address1": "123 Billing Street", "city": "Billtown", "zip": "K2P0B0", "country_code": "CA"},
          "customer": {
            "id": 115310627314723954,
            "email": "jon@example.com",
            "created_at": "2024-05-20T09:00:00-04:00",
            "updated_at": "2024-05-29T12:26:41-04:00",
            "first_name": "John",
            "last_name": "Smith",
            "state": "disabled",
            "note": null,
            "verified_email": true,
            "phone": "+16135551234",
            "currency": "USD",
            "tax_exempt": false,
            "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954"
          },
          "line_items": [
            {
              "id": 866550311766439020,
              "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020",
              "fulfillable_quantity": 1,
              "fulfillment_status": null,
              "gift_card": false,
              "grams": 567,
              "name": "IPod Nano - 8GB",
              "price": "199.00",
              "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}},
              "product_id": 632910392,
              "quantity": 1,
              "requires_shipping": true,
              "sku": "IPOD-342-N",
              "taxable": true,
              "title": "IPod Nano",
              "total_discount": "0.00",
              "variant_id": 808950810,
              "variant_title": "8GB",
              "vendor": null,
              "tax_lines": [],
              "discount_allocations": []
            },
            {
              "id": 141249953214522974,
              "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974",
              "fulfillable_quantity": 2,
              "name": "IPod Nano Case",
              "price": "102.00",
              "product_id": 632910393,
              "quantity": 2,
              "sku": "",
              "title": "IPod Nano Case",
              "variant_id": 808950811,
              "variant_title": null
            }
          ],
          "shipping_lines": [],
          "refunds": []
        }
        """;

    public const string GitHubIssueOpened = """{"action":"opened","issue":{"id":2345678901,"number":42,"title":"Webhook retries double-count orders","state":"open","user":{"login":"octocat","id":1}},"repository":{"id":1296269,"name":"Hello-World","full_name":"octocat/Hello-World","private":false},"sender":{"login":"octocat","id":1}}""";

    public const string StandardInvoicePaid = """{"type":"invoice.paid","timestamp":"2024-05-29T16:26:40Z","data":{"id":"in_1PqRsT","customer_id":"cus_42","amount":2500,"currency":"EUR"}}""";

    public const string BigCommerceOrderCreated = """{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1561479335,"producer":"stores/j4ws9dk8"}""";

    /// <summary>
    /// An ITN's fields, already encoded the way PHP's urlencode does (so the signed text is the body itself), without
    /// the trailing <c>signature</c> field.
    /// </summary>
    public const string PayFastFields =
        "m_payment_id=1001&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Order+%231001&item_description=Two+large+pizzas+and+a+drink"
        + "&amount_gross=200.00&amount_fee=-4.60&amount_net=195.40&custom_str1=web&custom_str2=&custom_str3=&custom_str4=&custom_str5="
        + "&custom_int1=42&custom_int2=&custom_int3=&custom_int4=&custom_int5=&name_first=Zoe&name_last=Smith"
        + "&email_address=zoe%40example.com&merchant_id=10000100&token=dc0521d3-55fe-269b-fa00-b647310d760f&billing_date=2024-05-29";

    /// <summary>A JSON body of <paramref name="size"/> bytes: an event whose data is a long list of line items.</summary>
    public static byte[] LargeJson(int size)
    {
        var builder = new StringBuilder(size + 256);
        builder.Append("""{"id":"evt_large","type":"order.updated","data":{"object":{"id":"ord_large","items":[""");
        var i = 0;
        while (builder.Length < size - 200)
        {
            builder.Append(i == 0 ? "" : ",").Append($$"""{"id":{{i}},"sku":"SKU-{{i:D8}}","quantity":1,"price":"19.99"}""");
            i++;
        }

        builder.Append("]}}");
        // ,"p":"xxx...x"} pads the body to exactly the size asked (everything written is ASCII).
        const string open = ",\"p\":\"", close = "\"}";
        builder.Append(open).Append('x', size - builder.Length - open.Length - close.Length).Append(close);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}

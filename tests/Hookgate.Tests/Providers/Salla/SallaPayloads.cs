namespace Hookgate.Tests.Providers.Salla;

/// <summary>
/// Bodies as Salla sends them, taken from the examples in docs.salla.dev ("Store Events": order, customer,
/// product and abandoned-cart models), trimmed of fields we do not read but keeping some to prove they are ignored.
/// </summary>
internal static class SallaPayloads
{
    public const string OrderCreated = """
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

    /// <summary>An update as a merchant edits an order: amounts as strings, two items, an ISO time.</summary>
    public const string OrderUpdated = """
        {
          "event": "order.updated",
          "merchant": "1305146709",
          "created_at": "2022-06-27T08:05:10Z",
          "data": {
            "id": 2116149737,
            "reference_id": 41027662,
            "date": { "date": "2022-06-26 12:21:45.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "status": { "id": 1939592358, "name": "جاري التجهيز", "slug": "in_progress" },
            "currency": "sar",
            "amounts": { "total": { "amount": "372.50", "currency": "SAR" } },
            "customer": { "id": 225167971, "first_name": "Mohammed", "last_name": "Ali", "mobile": "501806978", "mobile_code": "+966", "email": "usertest@gmail.com" },
            "items": [
              { "id": 70815337, "name": "بيتزا", "sku": "54534534", "quantity": 2, "amounts": { "price_without_tax": { "amount": "150.25", "currency": "SAR" }, "total": { "amount": "300.50", "currency": "SAR" } } },
              { "id": 70815338, "name": "قهوة عربية", "sku": "", "quantity": "1", "amounts": { "price_without_tax": { "amount": 57, "currency": "SAR" }, "total": { "amount": 57, "currency": "SAR" } } }
            ]
          }
        }
        """;

    /// <summary>Salla's own model for this event: a status-history entry with the order nested under <c>data.order</c>.</summary>
    public const string OrderStatusUpdated = """
        {
          "event": "order.status.updated",
          "merchant": 193718979,
          "created_at": "Wed Aug 17 2022 23:59:38 GMT+0300",
          "data": {
            "id": 198290473,
            "status": "تم التنفيذ",
            "customized": null,
            "note": "تم إرسال تفاصيل الطلب  إلى بريد العميل",
            "created_at": { "date": "2022-08-17 23:59:38.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "order": {
              "id": 629263027,
              "reference_id": 42264,
              "date": { "date": "2022-08-17 20:59:36.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
              "first_complete_at": { "date": "2022-08-17 23:59:36.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
              "status": { "id": 1298199463, "name": "تم التنفيذ", "slug": "completed" },
              "payment_method": "cod",
              "currency": "SAR",
              "amounts": {
                "sub_total": { "amount": 246, "currency": "SAR" },
                "discounts": [ { "title": "منتج مجاني", "type": "loyalty_prize", "code": "FREE_PRODUCT", "discount": "126.00", "currency": "SAR" } ],
                "total": { "amount": 154, "currency": "SAR" }
              },
              "customer": { "id": 1779795066, "name": "Test Salla", "mobile": "+96652318526", "email": "Test.2022@salla.sa", "country": "السعودية", "city": "الرياض" },
              "items": [
                { "id": 2105258904, "product_id": 2047473815, "name": "سي كيه وان شوك من كالفن كلاين، فور هي، 100 مل", "sku": "", "quantity": 1, "weight": 0.5,
                  "amounts": { "price_without_tax": { "amount": 120, "currency": "SAR" }, "total_discount": { "amount": 0, "currency": "SAR" }, "total": { "amount": 120, "currency": "SAR" } } },
                { "id": 1329648281, "product_id": 674027926, "name": "عطر إترنتي مومنت من كالفن كلاين للنساء، او دي بارفان، 100 مل", "sku": "", "quantity": 1, "weight": 0.5,
                  "amounts": { "price_without_tax": { "amount": 126, "currency": "SAR" }, "total_discount": { "amount": 126, "currency": "SAR" }, "total": { "amount": 126, "currency": "SAR" } } }
              ],
              "total": { "amount": 154, "currency": "SAR" }
            }
          }
        }
        """;

    public const string OrderCancelled = """
        {
          "event": "order.cancelled",
          "merchant": 1305146709,
          "created_at": "Mon Jun 27 2022 10:00:00 GMT+0300",
          "data": {
            "id": 2116149737,
            "reference_id": 41027662,
            "date": { "date": "2022-06-26 12:21:45.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "status": { "id": 525144736, "name": "ملغي", "slug": "canceled" },
            "currency": "SAR",
            "amounts": { "total": { "amount": 196, "currency": "SAR" } },
            "items": [ { "id": 70815337, "name": "بيتزا", "sku": "54534534", "quantity": 1, "amounts": { "price_without_tax": { "amount": 186, "currency": "SAR" } } } ]
          }
        }
        """;

    /// <summary>The slug still says completed: the event name is what says the money went back.</summary>
    public const string OrderRefunded = """
        {
          "event": "order.refunded",
          "merchant": 1305146709,
          "created_at": "Tue Jun 28 2022 09:30:00 GMT+0300",
          "data": {
            "id": 2116149737,
            "reference_id": 41027662,
            "status": { "id": 1298199463, "name": "تم التنفيذ", "slug": "completed" },
            "currency": "SAR",
            "amounts": { "total": { "amount": 196, "currency": "SAR" } },
            "items": []
          }
        }
        """;

    public const string OrderDeleted = """
        {
          "event": "order.deleted",
          "merchant": 1305146709,
          "created_at": "Tue Jun 28 2022 11:00:00 GMT+0300",
          "data": { "id": 2116149737, "reference_id": 41027662, "status": { "slug": "canceled" } }
        }
        """;

    public const string CustomerCreated = """
        {
          "event": "customer.created",
          "merchant": 1305146709,
          "created_at": "Tue Jan 25 2022 12:36:49 GMT+0300",
          "data": {
            "id": 225167971,
            "first_name": "User",
            "last_name": "Mohammed",
            "mobile": 555555555,
            "mobile_code": "+966",
            "email": "test@gmail.com",
            "urls": { "customer": "https://salla.sa/dev-wofftr4xsra5xtlv/profile" },
            "gender": "female",
            "birthday": { "date": "1997-06-03 00:00:00.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "city": "الرياض",
            "country": "السعودية",
            "country_code": "SA",
            "currency": "AED",
            "updated_at": { "date": "2022-01-24 14:26:55.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "groups": [],
            "is_notifications_enabled": true
          }
        }
        """;

    public const string CustomerUpdated = """
        {
          "event": "customer.updated",
          "merchant": 1305146709,
          "created_at": "Wed Feb 2 2022 09:05:00 GMT+0300 (Arabia Standard Time)",
          "data": {
            "id": 225167971,
            "first_name": "سارة",
            "last_name": "العتيبي",
            "mobile": "512345678",
            "mobile_code": "+966",
            "email": "sara@example.sa",
            "city": "الرياض"
          }
        }
        """;

    public const string CustomerLogin = """
        {
          "event": "customer.login",
          "merchant": 1305146709,
          "created_at": "Tue Jan 25 2022 12:36:49 GMT+0300",
          "data": { "id": 225167971, "first_name": "User", "last_name": "Mohammed", "mobile": 555555555, "mobile_code": "+966", "email": "test@gmail.com" }
        }
        """;

    public const string ProductCreated = """
        {
          "event": "product.created",
          "merchant": 1305146709,
          "created_at": "Mon Apr 17 2023 12:14:21 GMT+0300",
          "data": {
            "id": 1025569331,
            "promotion": { "title": null, "sub_title": null },
            "sku": "",
            "mpn": null,
            "type": "booking",
            "name": "Product-Booking-API-Date-and-Time",
            "price": { "amount": 299, "currency": "SAR" },
            "taxed_price": { "amount": 343.85, "currency": "SAR" },
            "pre_tax_price": { "amount": 299, "currency": "SAR" },
            "tax": { "amount": 44.85, "currency": "SAR" },
            "description": "",
            "quantity": 20,
            "status": "hidden",
            "is_available": false,
            "sale_price": { "amount": 0, "currency": "SAR" },
            "with_tax": true,
            "rating": { "total": 0, "count": 0, "rate": 0 },
            "booking_details": { "id": 231783151, "type": "date_time", "availabilities": [ { "day": "sunday", "times": [ { "from": "09:30", "to": "13:00" } ] } ] },
            "updated_at": "2023-04-17 12:14:21",
            "options": [],
            "categories": [],
            "brand": null,
            "tags": []
          }
        }
        """;

    public const string ProductUpdated = """
        {
          "event": "product.updated",
          "merchant": 1305146709,
          "created_at": "Tue Apr 18 2023 08:00:00 GMT+0300",
          "data": {
            "id": 1025569331,
            "sku": "BK-2023",
            "name": "حجز جلسة تصوير",
            "price": { "amount": "349.50", "currency": "sar" },
            "quantity": "15",
            "status": "sale",
            "is_available": true
          }
        }
        """;

    public const string ProductDeleted = """
        {
          "event": "product.deleted",
          "merchant": 1305146709,
          "created_at": "Wed Apr 19 2023 16:45:00 GMT+0300",
          "data": { "id": 1025569331, "name": "حجز جلسة تصوير", "status": "hidden" }
        }
        """;

    public const string AbandonedCart = """
        {
          "event": "abandoned.cart",
          "merchant": 1305146709,
          "created_at": "Tue Jan 21 2025 18:00:32 GMT+0300",
          "data": {
            "id": 1097962121,
            "total": { "amount": 100, "currency": "SAR" },
            "subtotal": { "amount": 60, "currency": "SAR" },
            "total_discount": { "amount": 10, "currency": "SAR" },
            "checkout_url": "https://salla.sa/dev-wofftr4xsra5xtlv/checkout/1097962121",
            "age_in_minutes": 83,
            "created_at": { "date": "2025-01-21 17:09:39.000000", "timezone_type": 3, "timezone": "Asia/Riyadh" },
            "customer": { "id": 225167971, "name": "User Name", "mobile": "+977612917082", "email": "customer@email.com", "country": "السعودية", "city": "الرياض" },
            "coupon": { "id": 2036833834, "code": "wizefriend", "status": "active", "type": "percentage", "amount": 20, "created_at": "Tue Jan 21 2025 17:00:00 GMT+0300" },
            "items": [ { "id": 1793843311, "product_id": 401511871, "quantity": 2 }, { "id": 239847784, "product_id": 64738276, "quantity": 1 } ]
          }
        }
        """;

    /// <summary>The recovery event: Salla sends the amounts here as bare numbers beside <c>currency</c>.</summary>
    public const string AbandonedCartPurchased = """
        {
          "event": "abandoned.cart.purchased",
          "merchant": 935918575,
          "created_at": "Tue Mar 25 2025 11:59:37 GMT+0300",
          "data": { "id": 1305879817, "status": "purchased", "currency": "SAR", "total": 34.99, "subtotal": 30.43, "total_discount": 0 }
        }
        """;

    public const string ShipmentCreated = """
        {
          "event": "shipment.created",
          "merchant": 136409261,
          "created_at": "Sun Jan 29 2023 21:16:38 GMT+0300",
          "data": { "id": 362985662, "order_id": 560695738, "status": "delivered", "total": { "amount": 25.5, "currency": "SAR" } }
        }
        """;

    public const string AppInstalled = """
        {
          "event": "app.installed",
          "merchant": 1305146709,
          "created_at": "2022-06-26 12:21:48",
          "data": { "id": 1583844244, "app_name": "Hookgate", "installation_date": "2022-06-26 12:21:48" }
        }
        """;
}

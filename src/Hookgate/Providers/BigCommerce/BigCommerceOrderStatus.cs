using Hookgate.Commerce;

namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// BigCommerce's order statuses in our words. The numeric <c>status_id</c> decides: merchants can rename statuses
/// (<c>custom_status</c>), and the ids are fixed. Statuses we have no word for keep BigCommerce's name, lower-cased.
/// </summary>
internal static class BigCommerceOrderStatus
{
    public static string ToCommerceStatus(int statusId, string status) => statusId switch
    {
        1 or 7 => CommerceStatus.Pending,                   // Pending, Awaiting Payment
        3 or 9 or 11 => CommerceStatus.Processing,          // Partially Shipped, Awaiting Shipment, Awaiting Fulfillment
        2 or 10 => CommerceStatus.Completed,                // Shipped, Completed
        4 => CommerceStatus.Refunded,                       // Refunded
        5 or 6 => CommerceStatus.Cancelled,                 // Cancelled, Declined
        _ => status.Trim().ToLowerInvariant(),              // Incomplete, Awaiting Pickup, Disputed, Partially Refunded, ...
    };
}

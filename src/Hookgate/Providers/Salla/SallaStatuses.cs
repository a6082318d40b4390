using Hookgate.Commerce;

namespace Hookgate.Providers.Salla;

/// <summary>
/// Salla's status slugs in our words where the meaning is unambiguous; any other slug is kept (lower-cased) so
/// nothing is lost or guessed. <c>restoring</c>/<c>restored</c> (a return in progress or done) stay as they are:
/// a return is not necessarily a refund.
/// </summary>
internal static class SallaStatuses
{
    public static string Order(string slug) => slug.ToLowerInvariant() switch
    {
        "payment_pending" or "under_review" or "pending" => CommerceStatus.Pending,
        "in_progress" or "processing" or "shipped" or "delivering" => CommerceStatus.Processing,
        "completed" or "delivered" => CommerceStatus.Completed,
        "canceled" or "cancelled" => CommerceStatus.Cancelled,
        "refunded" => CommerceStatus.Refunded,
        var other => other,
    };

    /// <summary><c>sale</c> is on sale (visible), <c>hidden</c> is hidden by the merchant, <c>out</c> is out of stock.</summary>
    public static string Product(string status) => status.ToLowerInvariant() switch
    {
        "sale" or "active" => CommerceStatus.Active,
        "hidden" or "out" => CommerceStatus.Inactive,
        var other => other,
    };
}

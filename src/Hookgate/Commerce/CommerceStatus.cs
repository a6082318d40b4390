namespace Hookgate.Commerce;

/// <summary>The status words our tables use, whatever each provider calls them.</summary>
public static class CommerceStatus
{
    public const string Deleted = "deleted";

    // Orders
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";

    // Carts
    public const string Abandoned = "abandoned";
    public const string Recovered = "recovered";

    // Payments
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    // Products
    public const string Active = "active";
    public const string Inactive = "inactive";
}

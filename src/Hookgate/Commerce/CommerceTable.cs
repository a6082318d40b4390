namespace Hookgate.Commerce;

/// <summary>
/// One commerce table and the upsert every change to it goes through. The SQL is the same on PostgreSQL and
/// SQLite (both have <c>ON CONFLICT ... DO UPDATE ... WHERE</c>, <c>IS DISTINCT FROM</c> and <c>RETURNING</c>).
/// </summary>
public sealed class CommerceTable
{
    public static readonly CommerceTable Orders = new("orders", "store_id", "reference", "status", "currency", "total_amount", "customer_external_id", "placed_at");
    public static readonly CommerceTable Customers = new("customers", "name", "email", "phone", "status");
    public static readonly CommerceTable Products = new("products", "name", "sku", "price", "currency", "quantity", "status");
    public static readonly CommerceTable Carts = new("carts", "customer_external_id", "total_amount", "currency", "status");
    public static readonly CommerceTable Payments = new("payments", "order_external_id", "amount", "currency", "status");

    private CommerceTable(string name, params string[] columns)
    {
        // A strictly newer state always applies. A state as new as the stored one applies only if it differs, so a
        // replay, or a duplicate a provider sends with a new id, leaves the row (and its updated_at) untouched.
        var changed = string.Join(" OR ", columns.Select(c => $"{name}.{c} IS DISTINCT FROM excluded.{c}"));
        UpsertSql = $"""
            INSERT INTO {name} (source, external_id, {string.Join(", ", columns)}, source_updated_at, created_at, updated_at)
            VALUES (@source, @external_id, {string.Join(", ", columns.Select(c => "@" + c))}, @source_updated_at, @now, @now)
            ON CONFLICT (source, external_id) DO UPDATE SET
                {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))},
                source_updated_at = excluded.source_updated_at,
                updated_at = excluded.updated_at
            WHERE {name}.source_updated_at < excluded.source_updated_at
               OR ({name}.source_updated_at = excluded.source_updated_at AND ({changed}))
            RETURNING id
            """;

        // A deletion leaves a tombstone that older updates cannot revive, even when it is the first we hear of the row.
        DeleteSql = $"""
            INSERT INTO {name} (source, external_id, status, source_updated_at, created_at, updated_at)
            VALUES (@source, @external_id, '{CommerceStatus.Deleted}', @source_updated_at, @now, @now)
            ON CONFLICT (source, external_id) DO UPDATE SET
                status = excluded.status,
                source_updated_at = excluded.source_updated_at,
                updated_at = excluded.updated_at
            WHERE {name}.source_updated_at <= excluded.source_updated_at AND {name}.status <> '{CommerceStatus.Deleted}'
            RETURNING id
            """;
    }

    public string UpsertSql { get; }

    public string DeleteSql { get; }

    public static CommerceTable For(CommerceEntity entity) => entity switch
    {
        CommerceEntity.Order => Orders,
        CommerceEntity.Customer => Customers,
        CommerceEntity.Product => Products,
        CommerceEntity.Cart => Carts,
        CommerceEntity.Payment => Payments,
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Unknown commerce entity."),
    };
}

using System.Data.Common;
using Hookgate.Storage;

namespace Hookgate.Commerce;

/// <summary>
/// Turns translated changes into the statements that apply them, to run inside the caller's transaction (the same
/// one that marks the event processed: either both happen or neither does). No statement needs another's result,
/// so a whole batch of events goes to PostgreSQL in one round trip.
/// </summary>
public sealed class CommerceStore(HookgateDatabase database)
{
    // An order's items are replaced only when this very commit wrote the order (its updated_at is this commit's
    // time): a stale or identical order leaves its items as they are.
    private const string WrittenOrder = "SELECT id FROM orders WHERE source = @source AND external_id = @external_id AND updated_at = @now";

    private const string DeleteItemsSql = $"DELETE FROM order_items WHERE order_id IN ({WrittenOrder})";

    // All of an order's items in one statement, from one JSON array, however many there are: one statement per item
    // was the workers' most frequent statement on PostgreSQL (docs/benchmarks.md). Ordered by their place in the
    // array, so the items' ids follow the order the provider listed them in.
    private const string InsertItemsPostgresSql = """
        INSERT INTO order_items (order_id, external_id, sku, name, quantity, unit_price)
        SELECT o.id, i.e, i.s, i.n, i.q, i.p
        FROM orders o
        CROSS JOIN ROWS FROM (json_to_recordset(@items::json) AS (e text, s text, n text, q integer, p numeric))
            WITH ORDINALITY AS i(e, s, n, q, p, position)
        WHERE o.source = @source AND o.external_id = @external_id AND o.updated_at = @now
        ORDER BY i.position
        """;

    private const string InsertItemsSqliteSql = """
        INSERT INTO order_items (order_id, external_id, sku, name, quantity, unit_price)
        SELECT o.id, json_extract(i.value, '$.e'), json_extract(i.value, '$.s'), json_extract(i.value, '$.n'),
               json_extract(i.value, '$.q'), json_extract(i.value, '$.p')
        FROM orders o CROSS JOIN json_each(@items) AS i
        WHERE o.source = @source AND o.external_id = @external_id AND o.updated_at = @now
        ORDER BY i.key
        """;

    // Prices travel as text, since SQLite would read a JSON number as a double: as PostgreSQL's numeric takes it
    // (the sender's scale kept, 1.50 stays 1.50), and on SQLite as Microsoft.Data.Sqlite writes a decimal parameter,
    // so an item's price is stored as its order's total is.
    private readonly string? priceFormat = database.Provider == DatabaseProvider.Postgres ? null : "0.0###########################";

    private readonly string insertItemsSql = database.Provider == DatabaseProvider.Postgres ? InsertItemsPostgresSql : InsertItemsSqliteSql;

    /// <summary>Applies the changes; returns how many rows changed (stale or identical changes count for nothing).</summary>
    public async Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, string source, IReadOnlyList<CommerceChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>();
        var upserts = new List<int>();
        foreach (var change in changes)
        {
            upserts.Add(statements.Count);
            AddStatements(statements, source, change, now);
        }

        var results = await StatementBatch.ScalarsAsync(connection, transaction, statements, cancellationToken);
        return upserts.Count(i => results[i] is not null);
    }

    /// <summary>The statements for one change: its upsert first, then (for an order) the replacement of its items.</summary>
    public void AddStatements(List<Statement> statements, string source, CommerceChange change, DateTimeOffset now)
    {
        // Both databases compare times as instants only in UTC (Npgsql refuses other offsets; SQLite compares text).
        (string, object?)[] key = [("source", source), ("external_id", change.ExternalId), ("source_updated_at", change.SourceUpdatedAt.ToUniversalTime()), ("now", now.ToUniversalTime())];
        switch (change)
        {
            case Order o:
                statements.Add(new Statement(CommerceTable.Orders.UpsertSql, [.. key,
                    ("store_id", o.StoreId), ("reference", o.Reference), ("status", o.Status), ("currency", o.Currency),
                    ("total_amount", o.TotalAmount), ("customer_external_id", o.CustomerExternalId), ("placed_at", o.PlacedAt?.ToUniversalTime())]));
                statements.Add(new Statement(DeleteItemsSql, [.. key[..2], key[3]]));
                if (o.Items.Count > 0)
                {
                    statements.Add(new Statement(insertItemsSql, [.. key[..2], key[3], ("items", OrderItemsJson.Write(o.Items, priceFormat))]));
                }

                break;
            case Customer c:
                statements.Add(new Statement(CommerceTable.Customers.UpsertSql, [.. key,
                    ("name", c.Name), ("email", c.Email), ("phone", c.Phone), ("status", CommerceStatus.Active)]));
                break;
            case Product p:
                statements.Add(new Statement(CommerceTable.Products.UpsertSql, [.. key,
                    ("name", p.Name), ("sku", p.Sku), ("price", p.Price), ("currency", p.Currency), ("quantity", p.Quantity), ("status", p.Status)]));
                break;
            case Cart c:
                statements.Add(new Statement(CommerceTable.Carts.UpsertSql, [.. key,
                    ("customer_external_id", c.CustomerExternalId), ("total_amount", c.TotalAmount), ("currency", c.Currency), ("status", c.Status)]));
                break;
            case Payment p:
                statements.Add(new Statement(CommerceTable.Payments.UpsertSql, [.. key,
                    ("order_external_id", p.OrderExternalId), ("amount", p.Amount), ("currency", p.Currency), ("status", p.Status)]));
                break;
            case Deletion d:
                statements.Add(new Statement(CommerceTable.For(d.Entity).DeleteSql, key));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Unknown commerce change.");
        }
    }
}

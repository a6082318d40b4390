using System.Data.Common;
using Dapper;

namespace Hookgate.Commerce;

/// <summary>
/// Applies translated changes to the commerce tables inside the caller's transaction, the same one that marks the
/// event processed: either both happen or neither does.
/// </summary>
public sealed class CommerceStore
{
    private const string DeleteItemsSql = "DELETE FROM order_items WHERE order_id = @order_id";

    private const string InsertItemSql = """
        INSERT INTO order_items (order_id, external_id, sku, name, quantity, unit_price)
        VALUES (@order_id, @external_id, @sku, @name, @quantity, @unit_price)
        """;

    /// <summary>Returns how many rows changed: stale or identical changes count for nothing.</summary>
    public async Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, string source, IReadOnlyList<CommerceChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var change in changes)
        {
            var (sql, parameters) = Describe(change);
            parameters.Add("source", source);
            parameters.Add("external_id", change.ExternalId);
            // Both databases compare these as instants only in UTC (Npgsql refuses other offsets; SQLite compares text).
            parameters.Add("source_updated_at", change.SourceUpdatedAt.ToUniversalTime());
            parameters.Add("now", now.ToUniversalTime());

            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            if (id is not { } rowId)
            {
                continue;
            }

            applied++;
            if (change is Order order)
            {
                await ReplaceItemsAsync(connection, transaction, rowId, order.Items, cancellationToken);
            }
        }

        return applied;
    }

    private static (string Sql, DynamicParameters Parameters) Describe(CommerceChange change)
    {
        var parameters = new DynamicParameters();
        switch (change)
        {
            case Order o:
                parameters.Add("store_id", o.StoreId);
                parameters.Add("reference", o.Reference);
                parameters.Add("status", o.Status);
                parameters.Add("currency", o.Currency);
                parameters.Add("total_amount", o.TotalAmount);
                parameters.Add("customer_external_id", o.CustomerExternalId);
                parameters.Add("placed_at", o.PlacedAt?.ToUniversalTime());
                return (CommerceTable.Orders.UpsertSql, parameters);
            case Customer c:
                parameters.Add("name", c.Name);
                parameters.Add("email", c.Email);
                parameters.Add("phone", c.Phone);
                parameters.Add("status", CommerceStatus.Active);
                return (CommerceTable.Customers.UpsertSql, parameters);
            case Product p:
                parameters.Add("name", p.Name);
                parameters.Add("sku", p.Sku);
                parameters.Add("price", p.Price);
                parameters.Add("currency", p.Currency);
                parameters.Add("quantity", p.Quantity);
                parameters.Add("status", p.Status);
                return (CommerceTable.Products.UpsertSql, parameters);
            case Cart c:
                parameters.Add("customer_external_id", c.CustomerExternalId);
                parameters.Add("total_amount", c.TotalAmount);
                parameters.Add("currency", c.Currency);
                parameters.Add("status", c.Status);
                return (CommerceTable.Carts.UpsertSql, parameters);
            case Payment p:
                parameters.Add("order_external_id", p.OrderExternalId);
                parameters.Add("amount", p.Amount);
                parameters.Add("currency", p.Currency);
                parameters.Add("status", p.Status);
                return (CommerceTable.Payments.UpsertSql, parameters);
            case Deletion d:
                return (CommerceTable.For(d.Entity).DeleteSql, parameters);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Unknown commerce change.");
        }
    }

    private static async Task ReplaceItemsAsync(DbConnection connection, DbTransaction transaction, long orderId, IReadOnlyList<OrderItem> items, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteItemsSql, new { order_id = orderId }, transaction, cancellationToken: cancellationToken));
        foreach (var item in items)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertItemSql, new
            {
                order_id = orderId,
                external_id = item.ExternalId,
                sku = item.Sku,
                name = item.Name,
                quantity = item.Quantity,
                unit_price = item.UnitPrice,
            }, transaction, cancellationToken: cancellationToken));
        }
    }
}

using Hookgate.Commerce;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Commerce;

/// <summary>The upsert rules every translator relies on, on the real databases.</summary>
public abstract class CommerceStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset T1 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(5);
    private TestDatabase database = null!;
    private CommerceStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync(provider);
        store = new CommerceStore(database.Database);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Refuses_an_update_older_than_the_stored_state()
    {
        await ApplyAsync(Order("o-1", T2, "completed", 120m));

        var applied = await ApplyAsync(Order("o-1", T1, "pending", 100m));

        Assert.Equal(0, applied);
        Assert.Equal("completed", await database.ScalarAsync<string>("SELECT status FROM orders WHERE external_id = 'o-1'"));
        Assert.Equal(120m, await database.ScalarAsync<decimal>("SELECT total_amount FROM orders WHERE external_id = 'o-1'"));
    }

    [Fact]
    public async Task Applies_a_newer_state_and_replaces_the_items()
    {
        await ApplyAsync(Order("o-2", T1, "pending", 100m, ("SKU-A", 1), ("SKU-B", 2)));

        var applied = await ApplyAsync(Order("o-2", T2, "processing", 40m, ("SKU-C", 4)));

        Assert.Equal(1, applied);
        Assert.Equal("processing", await database.ScalarAsync<string>("SELECT status FROM orders WHERE external_id = 'o-2'"));
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT COUNT(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = 'o-2'"));
        Assert.Equal("SKU-C", await database.ScalarAsync<string>("SELECT i.sku FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = 'o-2'"));
    }

    [Fact]
    public async Task Leaves_the_row_untouched_when_the_same_state_is_applied_again()
    {
        var order = Order("o-3", T1, "pending", 100m, ("SKU-A", 1));
        await ApplyAsync(order, now: T1.AddHours(1));
        var before = await RowAsync("orders", "o-3");

        var applied = await ApplyAsync(order, now: T1.AddHours(2));

        Assert.Equal(0, applied);
        Assert.Equal(before, await RowAsync("orders", "o-3"));
    }

    [Fact]
    public async Task Applies_a_different_state_with_the_same_provider_time()
    {
        // Providers stamp to the second: two real changes within it must both land, in order received.
        await ApplyAsync(Order("o-4", T1, "pending", 100m));

        var applied = await ApplyAsync(Order("o-4", T1, "cancelled", 100m));

        Assert.Equal(1, applied);
        Assert.Equal("cancelled", await database.ScalarAsync<string>("SELECT status FROM orders WHERE external_id = 'o-4'"));
    }

    [Fact]
    public async Task Keeps_a_deleted_product_deleted_when_an_older_update_arrives_late()
    {
        await ApplyAsync(new Product("p-1", T1, "Mug", "MUG", 9.5m, "SAR", 3, CommerceStatus.Active));
        await ApplyAsync(new Deletion(CommerceEntity.Product, "p-1", T2));

        var applied = await ApplyAsync(new Product("p-1", T1.AddMinutes(1), "Mug", "MUG", 9.5m, "SAR", 3, CommerceStatus.Active));

        Assert.Equal(0, applied);
        Assert.Equal(CommerceStatus.Deleted, await database.ScalarAsync<string>("SELECT status FROM products WHERE external_id = 'p-1'"));
    }

    [Fact]
    public async Task Records_a_deletion_heard_before_the_record_itself()
    {
        await ApplyAsync(new Deletion(CommerceEntity.Customer, "c-1", T2));

        var applied = await ApplyAsync(new Customer("c-1", T1, "Sara", "sara@example.com", null));

        Assert.Equal(0, applied);
        Assert.Equal(CommerceStatus.Deleted, await database.ScalarAsync<string>("SELECT status FROM customers WHERE external_id = 'c-1'"));
    }

    [Fact]
    public async Task Keeps_money_exact_and_times_in_UTC()
    {
        var placed = new DateTimeOffset(2022, 6, 26, 12, 21, 45, TimeSpan.FromHours(3));
        await ApplyAsync(Order("o-5", T1, "pending", 1234567.891m) with { PlacedAt = placed });

        Assert.Equal(1234567.891m, await database.ScalarAsync<decimal>("SELECT total_amount FROM orders WHERE external_id = 'o-5'"));
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT placed_at FROM orders WHERE external_id = 'o-5'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(placed.ToUniversalTime(), reader.GetFieldValue<DateTimeOffset>(0));
    }

    [Fact]
    public async Task Stores_every_item_of_an_order_as_sent_in_its_order()
    {
        OrderItem[] items =
        [
            new("line-1", "SKU-1", "عباية سوداء \"classic\" 🎁", 2, 149.99m),
            new(null, null, "Gift wrap\0 (free)", 1, 0m),

            // More significant digits than a double holds: a price read as a JSON number would come back rounded.
            new("line-3", "SKU-3", "Gold bar", 1, 12345678901234.5678m),
            .. Enumerable.Range(4, 297).Select(i => new OrderItem($"line-{i}", $"SKU-{i}", $"Item {i}", i, 1234567.891m + i)),
        ];
        await ApplyAsync(Order("o-6", T1, "pending", 1.50m) with { Items = [.. items, new OrderItem("line-301", "SKU-301", "Sticker", 1, 1.50m)] });

        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT i.external_id, i.sku, i.name, i.quantity, i.unit_price FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = 'o-6' ORDER BY i.id";
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<OrderItem>();
        while (await reader.ReadAsync())
        {
            stored.Add(new OrderItem(
                reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2), reader.GetInt32(3), reader.GetDecimal(4)));
        }

        Assert.Equal([items[0], items[1] with { Name = "Gift wrap\uFFFD (free)" }, .. items[2..], new OrderItem("line-301", "SKU-301", "Sticker", 1, 1.50m)], stored);

        // Decimal equality ignores the scale: the stored text shows it, and an item's price is stored as its order's total is.
        Assert.Equal(
            await database.ScalarAsync<string>("SELECT CAST(total_amount AS TEXT) FROM orders WHERE external_id = 'o-6'"),
            await database.ScalarAsync<string>("SELECT CAST(i.unit_price AS TEXT) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = 'o-6' AND i.external_id = 'line-301'"));
    }

    [Fact]
    public async Task Keeps_the_same_external_id_of_two_sources_apart()
    {
        await ApplyAsync(new Payment("pay-1", T1, "o-1", 10m, "USD", CommerceStatus.Succeeded), source: "stripe");
        await ApplyAsync(new Payment("pay-1", T1, "o-1", 20m, "ZAR", CommerceStatus.Failed), source: "payfast");

        Assert.Equal(2, await database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = 'pay-1'"));
    }

    private static Order Order(string id, DateTimeOffset at, string status, decimal total, params (string Sku, int Quantity)[] items) =>
        new(id, at, "store-1", "#" + id, status, "SAR", total, "c-9", at.AddDays(-1),
            items.Select(i => new OrderItem(i.Sku + "-line", i.Sku, "Item " + i.Sku, i.Quantity, 10m)).ToList());

    private async Task<int> ApplyAsync(CommerceChange change, DateTimeOffset? now = null, string source = "shop")
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var applied = await store.ApplyAsync(connection, transaction, source, [change], now ?? DateTimeOffset.UtcNow, CancellationToken.None);
        await transaction.CommitAsync();
        return applied;
    }

    private async Task<string> RowAsync(string table, string externalId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE external_id = '{externalId}'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class SqliteCommerceStoreTests() : CommerceStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresCommerceStoreTests() : CommerceStoreTests(DatabaseProvider.Postgres);

using Hookgate.Inbox;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Inbox;

/// <summary>One group commit as the writer hands it to the store, on the real databases.</summary>
public abstract class InboxStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase database = null!;
    private InboxStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync(provider);
        store = new InboxStore(database.Database);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_batch_answers_each_position_stored_duplicate_within_the_batch_or_redelivery_of_an_earlier_commit()
    {
        var earlier = Event("evt-earlier");
        var first = await store.AppendAsync([earlier], CancellationToken.None);

        var fresh = Event("evt-fresh");
        var other = Event("evt-other");
        AppendResult[] results = await store.AppendAsync(
            [fresh, Event("evt-earlier"), Event("evt-fresh"), other, Event("evt-earlier")], CancellationToken.None);

        Assert.Equal(new AppendResult(earlier.Id, IsDuplicate: false), first[0]);
        Assert.Equal(
            [
                new AppendResult(fresh.Id, IsDuplicate: false),
                new AppendResult(earlier.Id, IsDuplicate: true),
                new AppendResult(fresh.Id, IsDuplicate: true),
                new AppendResult(other.Id, IsDuplicate: false),
                new AppendResult(earlier.Id, IsDuplicate: true),
            ],
            results);
        Assert.Equal(3, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
        Assert.Equal(3, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_status WHERE status = 'pending'"));
    }

    private static NewInboxEvent Event(string dedupKey) => new(
        Guid.CreateVersion7(), "stripe", "stripe", "payment_intent.succeeded", dedupKey, dedupKey, dedupKey,
        DateTimeOffset.UtcNow, "application/json", "127.0.0.1", "{}", "{\"id\":\"x\"}"u8.ToArray());
}

public sealed class SqliteInboxStoreTests() : InboxStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresInboxStoreTests() : InboxStoreTests(DatabaseProvider.Postgres);

using System.Net;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hookgate.Tests.Ingest;

/// <summary>What the ack promises: stored events survive a restart, and no 200 is given for what is not stored.</summary>
public abstract class DurabilityTests(DatabaseProvider provider)
{
    private static readonly string[] Sources = [.. TestProvider.Stripe.Arguments];

    [Fact]
    public async Task Keeps_stored_events_across_a_restart_and_still_recognises_their_duplicates()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");

        ReceivingTests.Receipt first;
        await using (var gateway = await Gateway.StartAsync(database, Sources))
        {
            first = await ReceivingTests.ReadReceiptAsync(
                await gateway.Client.SendAsync(TestProvider.Stripe.Signed(eventId, DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe")), HttpStatusCode.OK);
        }

        await using var restarted = await Gateway.StartAsync(database, Sources);
        var again = await ReceivingTests.ReadReceiptAsync(
            await restarted.Client.SendAsync(TestProvider.Stripe.Signed(eventId, DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe")), HttpStatusCode.OK);

        Assert.Equal("received", first.Status);
        Assert.Equal("duplicate", again.Status);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
    }

    [Fact]
    public async Task Answers_503_while_storage_is_unavailable_and_stores_again_once_it_is_back()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var gateway = await Gateway.StartAsync(database, Sources);
        var lostId = "evt_" + Guid.NewGuid().ToString("N");

        HttpResponseMessage during;
        HttpResponseMessage readiness;
        await using (await TakeStorageDownAsync(database))
        {
            during = await gateway.Client.SendAsync(TestProvider.Stripe.Signed(lostId, DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe"));
            readiness = await gateway.Client.GetAsync("/readyz");
        }

        await ReceivingTests.AssertProblemAsync(during, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(during.Headers.RetryAfter);
        if (provider == DatabaseProvider.Postgres)
        {
            // A locked SQLite file still answers reads, so only a PostgreSQL outage turns readiness red.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        }

        var after = await ReceivingTests.ReadReceiptAsync(
            await gateway.Client.SendAsync(TestProvider.Stripe.Signed(lostId, DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe")), HttpStatusCode.OK);
        Assert.Equal("received", after.Status);
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/readyz")).StatusCode);
    }

    /// <summary>A real outage: PostgreSQL stops accepting connections to the database; SQLite's file is locked by another writer.</summary>
    private static async Task<IAsyncDisposable> TakeStorageDownAsync(TestDatabase database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var name = PostgresServer.DatabaseName(database.ConnectionString);
            await PostgresServer.ExecuteAsAdminAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
            await PostgresServer.ExecuteAsAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            return new Restore(() => PostgresServer.ExecuteAsAdminAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS true"));
        }

        var holder = new SqliteConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync();
        }

        return new Restore(async () =>
        {
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
            await holder.DisposeAsync();
        });
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}

public sealed class SqliteDurabilityTests() : DurabilityTests(DatabaseProvider.Sqlite);

public sealed class PostgresDurabilityTests() : DurabilityTests(DatabaseProvider.Postgres);

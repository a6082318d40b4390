using System.Net;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Ingest;

/// <summary>The benchmark's comparison modes keep the promises too, and stay off unless asked for.</summary>
public abstract class CommitModeTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Commits_each_request_alone_when_asked_and_still_stores_a_duplicate_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var gateway = await Gateway.StartAsync(database, [.. TestProvider.Stripe.Arguments, "--Hookgate:Inbox:Commit=PerRequest", "--Hookgate:Role=ingest"]);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            await ReceivingTests.ReadReceiptAsync(await gateway.Client.SendAsync(TestProvider.Stripe.Signed(eventId, now).ToRequest("/webhooks/stripe")), HttpStatusCode.OK)));

        Assert.Single(receipts.Select(r => r.Id).Distinct());
        Assert.Single(receipts, r => r.Status == "received");
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
    }

    [Fact]
    public async Task Maps_the_verify_only_ceiling_only_when_the_benchmark_asks_for_it()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var normal = await Gateway.StartAsync(database, TestProvider.Stripe.Arguments);
        await using var bench = await Gateway.StartAsync(database, [.. TestProvider.Stripe.Arguments, "--Hookgate:Benchmark:Ceiling=true"]);

        var absent = await normal.Client.SendAsync(TestProvider.Stripe.Signed("evt_ceiling", DateTimeOffset.UtcNow).ToRequest("/bench/verify/stripe"));
        var verified = await bench.Client.SendAsync(TestProvider.Stripe.Signed("evt_ceiling", DateTimeOffset.UtcNow).ToRequest("/bench/verify/stripe"));
        var forged = await bench.Client.SendAsync(TestProvider.Stripe.Forged("evt_ceiling", DateTimeOffset.UtcNow).ToRequest("/bench/verify/stripe"));

        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
    }
}

public sealed class SqliteCommitModeTests() : CommitModeTests(DatabaseProvider.Sqlite);

public sealed class PostgresCommitModeTests() : CommitModeTests(DatabaseProvider.Postgres);

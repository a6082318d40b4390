using System.Net;
using Hookgate.Storage;
using Hookgate.Tests.Ingest;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Storage;

public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task Copies_committed_events_into_the_database_file_beside_the_writers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await Gateway.StartAsync(database, [.. TestProvider.Stripe.Arguments]);
        var file = new FileInfo(Path.Combine(database.Directory!, "hookgate.db"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        file.Refresh();
        var before = file.Length;

        // A few hundred kilobytes of log: far below the pages after which a commit would checkpoint it itself, so
        // only the background checkpoints can bring these pages into the file while the gateway runs.
        for (var i = 0; i < 200; i++)
        {
            var response = await gateway.Client.SendAsync(
                TestProvider.Stripe.Signed("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            file.Refresh();
        }
        while (file.Length <= before && DateTime.UtcNow < deadline);

        Assert.True(file.Length > before, $"The database file stayed at {before} bytes: the log was not checkpointed while the gateway ran.");
        Assert.Equal(200, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
    }

    [Fact]
    public async Task Keeps_the_log_short_under_continuous_writes_instead_of_leaving_it_to_a_commit()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await Gateway.StartAsync(database, [.. TestProvider.Stripe.Arguments]);
        var log = new FileInfo(Path.Combine(database.Directory!, "hookgate.db-wal"));
        const long commitCheckpointBytes = HookgateDatabase.SqliteCommitCheckpointPages * 4096L;

        // The log file only grows: its length is the longest the log has been. Sixteen senders keep a commit always
        // in flight, so a background checkpoint never finds the whole log copied by itself; 20,000 events write
        // several times the commit threshold of log.
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) <= 20_000)
            {
                using var response = await gateway.Client.SendAsync(
                    TestProvider.Stripe.Signed("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        })));

        log.Refresh();
        Assert.True(log.Length < commitCheckpointBytes * 3 / 4,
            $"The log grew to {log.Length >> 20} MiB: it was not started over before the commit threshold ({commitCheckpointBytes >> 20} MiB), where a commit checkpoints it itself.");
        Assert.Equal(20_000, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
    }
}

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
}

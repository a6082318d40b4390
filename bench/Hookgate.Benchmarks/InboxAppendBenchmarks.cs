using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hookgate.Inbox;
using Hookgate.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hookgate.Benchmarks;

/// <summary>
/// The group-commit writer's own work, without HTTP: one durable transaction of a batch of new ~1.5 KB events on a
/// SQLite file (synchronous=FULL, as for acks). Ingest throughput is bounded by this single loop, so its cost per
/// batch is the figure that moves the maximum.
/// </summary>
[MemoryDiagnoser]
public class InboxAppendBenchmarks
{
    private string directory = null!;
    private HookgateDatabase database = null!;
    private InboxStore store = null!;
    private byte[] body = null!;

    [Params(1, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        directory = Directory.CreateTempSubdirectory("hookgate-bench-").FullName;
        database = HookgateDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "hookgate.db")}");
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        store = new InboxStore(database);
        body = System.Text.Encoding.UTF8.GetBytes(Payloads.SallaOrderCreated);

        // A table that already holds events, as a running gateway's does: inserting into empty B-trees flatters.
        for (var i = 0; i < 200; i++)
        {
            await store.AppendAsync(Events(100), CancellationToken.None);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark]
    public Task<AppendResult[]> Append() => store.AppendAsync(Events(Batch), CancellationToken.None);

    private NewInboxEvent[] Events(int count)
    {
        var events = new NewInboxEvent[count];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            // A fresh dedup key each time, spread like the body hashes real keys are.
            var dedupKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            events[i] = new NewInboxEvent(Guid.CreateVersion7(now), "salla-shop", "salla", "order.created", null, dedupKey,
                "1305146709:order:" + i, now, "application/json", "127.0.0.1", """{"Content-Type":["application/json"]}""", body);
        }

        return events;
    }
}

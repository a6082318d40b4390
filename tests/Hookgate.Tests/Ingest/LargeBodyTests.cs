using System.Net;
using System.Text;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Ingest;

/// <summary>
/// A body of the default 1 MiB limit is read into one array of its size, verified and stored from it: receiving it
/// costs the process that one buffer and little else (no second copy for the hash, the headers or the insert).
/// The allocation counter is the whole process's, so this class runs alone, and the least of three deliveries counts.
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class LargeBodyTests
{
    [Fact]
    public async Task A_one_mebibyte_body_costs_one_buffer_of_its_size()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var gateway = await Gateway.StartAsync(database, [.. TestProvider.GitHub.Arguments, "--Hookgate:Role=ingest"]);

        // Warm-up: JIT, pools and the first connection are paid for before anything is measured.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.SendAsync(Delivery(1024 * 1024 - 4096))).StatusCode);
        }

        var bodyLength = 0L;
        var allocated = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var request = Delivery(1024 * 1024 - 4096);
            bodyLength = request.Content!.Headers.ContentLength!.Value;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var response = await gateway.Client.SendAsync(request);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(bodyLength, await database.ScalarAsync<long>(
            "SELECT length(body) FROM inbox_events ORDER BY received_at DESC LIMIT 1"));
        Assert.InRange(allocated, bodyLength, bodyLength + 256 * 1024);
    }

    private static HttpRequestMessage Delivery(int size)
    {
        var prefix = """{"action":"opened","padding":" """.TrimEnd();
        var body = Encoding.UTF8.GetBytes(prefix + new string('x', size - prefix.Length - 2) + "\"}");
        return SignedBodies.GitHub(body).ToRequest("/webhooks/github");
    }
}

/// <summary>Tests that read the process-wide allocation counter: they run after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}

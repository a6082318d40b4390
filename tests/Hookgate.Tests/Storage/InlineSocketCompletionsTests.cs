using System.Net;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;

namespace Hookgate.Tests.Storage;

/// <summary>
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> runs socket continuations on the socket engine's own thread,
/// so any blocking database call after an await would wait there for itself. The migrations' library (Evolve) is
/// synchronous: the gateway hung at startup on PostgreSQL until it was moved off that thread.
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    [Fact]
    public async Task Migrates_a_new_PostgreSQL_database_and_stores_a_delivery_with_socket_completions_inline()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);

        await using var gateway = await GatewayProcess.StartAsync([.. database.GatewayArguments, .. TestProvider.Stripe.Arguments, "--Hookgate:Role=ingest"],
            environment: new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" });
        using var client = new HttpClient { BaseAddress = gateway.Address };
        var response = await client.SendAsync(TestProvider.Stripe.Signed("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow).ToRequest("/webhooks/stripe"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"));
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Hookgate.Tests.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Tests.Processing;

/// <summary>
/// BigCommerce's Orders API played on loopback: it can fail its first calls, answer slowly, and it records when
/// each order was being fetched, which is when its event was being processed.
/// </summary>
public sealed class FakeBigCommerce : IAsyncDisposable
{
    private int calls;

    private FakeBigCommerce()
    {
    }

    public LoopbackApi Api { get; private set; } = null!;

    /// <summary>Answer 503 to this many order fetches before answering properly.</summary>
    public int FailFirst { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>Order fetches never answer: each waits until its caller gives up, and is then recorded in <see cref="Abandoned"/>.</summary>
    public bool Hang { get; set; }

    public int Calls => Volatile.Read(ref calls);

    public ConcurrentQueue<(long OrderId, DateTimeOffset Start, DateTimeOffset End)> Fetches { get; } = new();

    public ConcurrentQueue<(long OrderId, DateTimeOffset Start, DateTimeOffset End)> Abandoned { get; } = new();

    public IEnumerable<string> SourceArguments(string source = "bigcommerce") =>
    [
        $"--Hookgate:Sources:{source}:Provider=bigcommerce",
        $"--Hookgate:Sources:{source}:Header=X-Hookgate-Secret",
        $"--Hookgate:Sources:{source}:Secrets:0=test-bigcommerce-secret",
        $"--Hookgate:Sources:{source}:AccessToken=test-bigcommerce-token",
        $"--Hookgate:Sources:{source}:ApiBaseUrl={Api.BaseUrl}",
    ];

    public static async Task<FakeBigCommerce> StartAsync()
    {
        var fake = new FakeBigCommerce();
        fake.Api = await LoopbackApi.StartAsync(app =>
        {
            app.MapGet("/stores/{hash}/v2/orders/{id:long}", fake.OrderAsync);
            app.MapGet("/stores/{hash}/v2/orders/{id:long}/products", (long id) => Results.Text(
                $$"""[{"id":{{id * 10}},"order_id":{{id}},"sku":"SKU-{{id}}","name":"Widget {{id}}","quantity":2,"price_inc_tax":"12.5000"}]""",
                "application/json"));
        });
        return fake;
    }

    private async Task<IResult> OrderAsync(long id, HttpContext context)
    {
        var start = DateTimeOffset.UtcNow;
        if (Hang)
        {
            await LoopbackApi.Hang(context);
            Abandoned.Enqueue((id, start, DateTimeOffset.UtcNow));
            return Results.Empty;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var call = Interlocked.Increment(ref calls);
        Fetches.Enqueue((id, start, DateTimeOffset.UtcNow));
        if (call <= FailFirst)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        // Each fetch sees a newer state, as a store that keeps changing would show.
        var modified = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(call);
        return Results.Text($$"""
            {"id":{{id}},"customer_id":0,"status_id":11,"status":"Awaiting Fulfillment","total_inc_tax":"25.0000",
             "date_created":"Wed, 01 May 2024 11:00:00 +0000","date_modified":"{{modified.ToString("r", CultureInfo.InvariantCulture).Replace("GMT", "+0000")}}",
             "currency_code":"USD","default_currency_code":"USD","external_order_id":""}
            """, "application/json");
    }

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}

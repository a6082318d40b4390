using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hookgate.Processing;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;
using Hookgate.Tests.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hookgate.Tests.Processing;

/// <summary>
/// Stored events reach their effect: real gateway, real workers, real database, real HTTP for provider APIs and
/// alerts. Runs once per database.
/// </summary>
public abstract class ProcessingTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected const string AdminKey = "test-admin-key";

    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected Task<Gateway> StartAsync(params IEnumerable<string>[] arguments) =>
        Gateway.StartAsync(Database, [
            $"--Hookgate:AdminApiKey={AdminKey}",
            "--Hookgate:Processing:RetryBaseSeconds=0.05",
            "--Hookgate:Processing:RetryMaxSeconds=0.2",
            "--Hookgate:Processing:PollIntervalMilliseconds=200",
            .. TestProvider.PayFast.Arguments,
            .. TestProvider.GitHub.Arguments,
            .. arguments.SelectMany(a => a)]);

    [Fact]
    public async Task Applies_a_PayFast_payment_to_the_payments_table()
    {
        await using var gateway = await StartAsync();
        var paymentId = NewId();

        var receipt = await PostAsync(gateway, "payfast", TestProvider.PayFast.Signed(paymentId, DateTimeOffset.UtcNow));

        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded);
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT amount, currency, status, order_external_id FROM payments WHERE source = 'payfast' AND external_id = @id";
        AddParameter(command, "id", paymentId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "No payments row for the processed ITN.");
        Assert.Equal(115.00m, reader.GetDecimal(0));
        Assert.Equal("ZAR", reader.GetString(1));
        Assert.Equal("succeeded", reader.GetString(2));
        Assert.Equal("ORDER-1001", reader.GetString(3));

        var details = await GetEventAsync(gateway, receipt.Id);
        Assert.Equal("succeeded", details.GetProperty("status").GetString());
        var history = details.GetProperty("history");
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("succeeded", history[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Dead_letters_a_malformed_event_with_its_reason_and_raises_an_alert()
    {
        var alerts = new List<JsonElement>();
        await using var alertReceiver = await LoopbackApi.StartAsync(app => app.MapPost("/alerts", async (HttpRequest request) =>
        {
            lock (alerts)
            {
                alerts.Add(JsonDocument.Parse(request.Body).RootElement.Clone());
            }

            return Results.Ok();
        }));
        await using var gateway = await StartAsync([$"--Hookgate:Alerts:WebhookUrl={alertReceiver.BaseUrl}alerts"]);
        var malformed = TestProvider.PayFastItn(TestProvider.PayFast.Secret,
            ("m_payment_id", "ORDER-7"), ("pf_payment_id", NewId()), ("payment_status", "COMPLETE"), ("amount_gross", "one hundred"));

        var receipt = await PostAsync(gateway, "payfast", malformed);

        await WaitForStatusAsync(receipt.Id, EventStatus.DeadLettered);
        var details = await GetEventAsync(gateway, receipt.Id);
        Assert.Contains("amount_gross", details.GetProperty("lastError").GetString());
        Assert.Equal(1, details.GetProperty("attempts").GetInt32());
        var deadLetters = await GetJsonAsync(gateway, "/api/dead-letters?source=payfast");
        var listed = Assert.Single(deadLetters.EnumerateArray(), d => d.GetProperty("eventId").GetGuid() == receipt.Id);
        Assert.Contains("amount_gross", listed.GetProperty("reason").GetString());
        await Eventually(() =>
        {
            lock (alerts)
            {
                return alerts.Any(a => a.GetProperty("eventId").GetGuid() == receipt.Id && a.GetProperty("reason").GetString()!.Contains("amount_gross"));
            }
        }, "The alert webhook never received the dead letter.");

        // Discarding takes it off the list and keeps the event.
        var discard = await Admin(gateway).DeleteAsync($"/api/dead-letters/{receipt.Id}");
        Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        Assert.DoesNotContain((await GetJsonAsync(gateway, "/api/dead-letters")).EnumerateArray(), d => d.GetProperty("eventId").GetGuid() == receipt.Id);
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events WHERE id = @id", ("id", receipt.Id)));
    }

    [Fact]
    public async Task Retries_a_transient_provider_failure_with_backoff_and_then_applies_the_order()
    {
        await using var bigCommerce = await FakeBigCommerce.StartAsync();
        bigCommerce.FailFirst = 2;
        await using var gateway = await StartAsync(bigCommerce.SourceArguments());

        var receipt = await PostAsync(gateway, "bigcommerce", TestProvider.BigCommerceHook("store/order/created", 4711, NewId()));

        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded);
        var history = (await GetEventAsync(gateway, receipt.Id)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["failed", "failed", "succeeded"], history.Select(h => h.GetProperty("outcome").GetString()));
        Assert.Contains("503", history[0].GetProperty("error").GetString());
        Assert.Equal(25.00m, await Database.ScalarAsync<decimal>("SELECT total_amount FROM orders WHERE source = 'bigcommerce' AND external_id = '4711'"));
        Assert.Equal(2, await Database.ScalarAsync<int>(
            "SELECT i.quantity FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = '4711' AND i.sku = 'SKU-4711'"));
    }

    [Fact]
    public async Task Dead_letters_an_event_whose_attempts_ran_out()
    {
        await using var bigCommerce = await FakeBigCommerce.StartAsync();
        bigCommerce.FailFirst = int.MaxValue;
        await using var gateway = await StartAsync(bigCommerce.SourceArguments(), ["--Hookgate:Sources:bigcommerce:MaxAttempts=3"]);

        var receipt = await PostAsync(gateway, "bigcommerce", TestProvider.BigCommerceHook("store/order/updated", 99, NewId()));

        await WaitForStatusAsync(receipt.Id, EventStatus.DeadLettered);
        var details = await GetEventAsync(gateway, receipt.Id);
        Assert.Equal(3, details.GetProperty("attempts").GetInt32());
        Assert.StartsWith("Gave up after 3 attempts", details.GetProperty("lastError").GetString());
        Assert.Equal(3, bigCommerce.Calls);
        Assert.Equal(0, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM orders WHERE external_id = '99'"));
    }

    [Fact]
    public async Task Marks_an_event_without_a_commerce_meaning_ignored()
    {
        await using var gateway = await StartAsync();

        var receipt = await PostAsync(gateway, "github", TestProvider.GitHub.Signed(NewId(), DateTimeOffset.UtcNow));

        await WaitForStatusAsync(receipt.Id, EventStatus.Ignored);
    }

    [Fact]
    public async Task Replays_an_event_without_changing_the_tables()
    {
        await using var gateway = await StartAsync();
        var paymentId = NewId();
        var receipt = await PostAsync(gateway, "payfast", TestProvider.PayFast.Signed(paymentId, DateTimeOffset.UtcNow));
        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded);
        var before = await PaymentRowAsync(paymentId);

        var replay = await Admin(gateway).PostAsync($"/api/events/{receipt.Id}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await WaitForSecondSuccessAsync(gateway, receipt.Id, "The replayed event was not processed again.");

        Assert.Equal(before, await PaymentRowAsync(paymentId));
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", paymentId)));
    }

    [Fact]
    public async Task Replays_in_bulk_only_what_the_filter_selects()
    {
        await using var gateway = await StartAsync();
        var payfast = await PostAsync(gateway, "payfast", TestProvider.PayFast.Signed(NewId(), DateTimeOffset.UtcNow));
        var github = await PostAsync(gateway, "github", TestProvider.GitHub.Signed(NewId(), DateTimeOffset.UtcNow));
        await WaitForStatusAsync(payfast.Id, EventStatus.Succeeded);
        await WaitForStatusAsync(github.Id, EventStatus.Ignored);

        var unfiltered = await Admin(gateway).PostAsJsonAsync("/api/events/replay", new { });
        var response = await Admin(gateway).PostAsJsonAsync("/api/events/replay", new { source = "payfast" });

        await ReceivingTests.AssertProblemAsync(unfiltered, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await Eventually(async () => (await GetEventAsync(gateway, payfast.Id)).GetProperty("history").GetArrayLength() == 2, "The selected event was not replayed.");
        Assert.Equal(1, (await GetEventAsync(gateway, github.Id)).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Replays_since_a_time_only_the_events_received_from_then_on()
    {
        await using var gateway = await StartAsync();
        var earlier = await PostAsync(gateway, "payfast", TestProvider.PayFast.Signed(NewId(), DateTimeOffset.UtcNow));
        var later = await PostAsync(gateway, "payfast", TestProvider.PayFast.Signed(NewId(), DateTimeOffset.UtcNow));
        await WaitForStatusAsync(earlier.Id, EventStatus.Succeeded);
        await WaitForStatusAsync(later.Id, EventStatus.Succeeded);
        var receivedAt = (await GetEventAsync(gateway, later.Id)).GetProperty("receivedAt").GetDateTimeOffset();

        // A receipt time lies inside a millisecond, the unit of an id's time: the event received at it is replayed.
        var fromIt = await Admin(gateway).PostAsJsonAsync("/api/events/replay", new { since = receivedAt });
        Assert.Equal(1, (await fromIt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await WaitForSecondSuccessAsync(gateway, later.Id, "The later event was not replayed.");

        // Nothing is from a microsecond after it (PostgreSQL keeps no finer time). The event is finished by now, so a
        // count of 0 is the filter's, not a replay skipping an event being processed.
        var afterIt = await Admin(gateway).PostAsJsonAsync("/api/events/replay", new { since = receivedAt.AddMicroseconds(1) });
        Assert.Equal(0, (await afterIt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        Assert.Equal(1, (await GetEventAsync(gateway, earlier.Id)).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Takes_over_the_event_of_a_dead_worker_once_its_lease_expires()
    {
        var paymentId = NewId();
        Guid eventId;
        await using (var ingest = await StartAsync(["--Hookgate:Role=ingest"]))
        {
            eventId = (await PostAsync(ingest, "payfast", TestProvider.PayFast.Signed(paymentId, DateTimeOffset.UtcNow))).Id;

            // A worker claims it and dies without a word: only its lease remains.
            var queue = ingest.Services.GetRequiredService<InboxQueue>();
            var claimed = await queue.ClaimAsync("dead-worker", 10, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), CancellationToken.None);
            Assert.Equal(eventId, Assert.Single(claimed).Event.Id);
        }

        await using var worker = await StartAsync(["--Hookgate:Role=worker"]);

        await WaitForStatusAsync(eventId, EventStatus.Succeeded);
        var details = await GetEventAsync(worker, eventId);
        Assert.Equal(2, details.GetProperty("attempts").GetInt32());
        Assert.NotEqual("dead-worker", details.GetProperty("history")[0].GetProperty("worker").GetString());
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", paymentId)));
    }

    [Fact]
    public async Task Discards_what_a_worker_did_after_losing_its_lease_and_commits_the_rest_of_its_batch()
    {
        await using var ingest = await StartAsync(["--Hookgate:Role=ingest"]);
        var (kept, lost) = (NewId(), NewId());
        var keptId = (await PostAsync(ingest, "payfast", PaymentOfItsOwnOrder(kept))).Id;
        var lostId = (await PostAsync(ingest, "payfast", PaymentOfItsOwnOrder(lost))).Id;
        var queue = ingest.Services.GetRequiredService<InboxQueue>();
        var now = DateTimeOffset.UtcNow;
        var slow = await queue.ClaimAsync("slow-worker", 10, now, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(2, slow.Count);

        // The slow worker's lease on one event runs out and another worker claims it, while the slow one still works.
        Assert.Equal(1, await Database.ScalarAsync<int>("UPDATE inbox_status SET locked_until = @past WHERE event_id = @id RETURNING 1", ("past", now.AddSeconds(-1)), ("id", lostId)));
        var taken = await queue.ClaimAsync("other-worker", 10, now, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(lostId, Assert.Single(taken).Event.Id);

        await ingest.Services.GetRequiredService<EventProcessor>().ProcessAsync(slow, CancellationToken.None);

        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", kept)));
        Assert.Equal(0, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", lost)));
        var keptEvent = await GetEventAsync(ingest, keptId);
        Assert.Equal(EventStatus.Succeeded, keptEvent.GetProperty("status").GetString());
        Assert.Equal("slow-worker", Assert.Single(keptEvent.GetProperty("history").EnumerateArray()).GetProperty("worker").GetString());
        var lostEvent = await GetEventAsync(ingest, lostId);
        Assert.Equal(EventStatus.Processing, lostEvent.GetProperty("status").GetString());
        Assert.Equal(0, lostEvent.GetProperty("history").GetArrayLength());

        await ingest.Services.GetRequiredService<EventProcessor>().ProcessAsync(taken, CancellationToken.None);

        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", lost)));
        var history = (await GetEventAsync(ingest, lostId)).GetProperty("history");
        Assert.Equal("other-worker", Assert.Single(history.EnumerateArray()).GetProperty("worker").GetString());

        // Events of one order are claimed one at a time: each payment here is of an order of its own.
        static Delivery PaymentOfItsOwnOrder(string paymentId) => TestProvider.PayFastItn(TestProvider.PayFast.Secret,
            ("m_payment_id", "ORDER-" + paymentId), ("pf_payment_id", paymentId), ("payment_status", "COMPLETE"),
            ("item_name", "Order"), ("amount_gross", "115.00"), ("merchant_id", "10000100"));
    }

    [Fact]
    public async Task Wakes_the_workers_on_a_new_event_without_waiting_for_the_poll()
    {
        // A one-minute poll: only the signal from the ingest side (in-process, or NOTIFY across instances) can be this quick.
        string[] slowPoll = ["--Hookgate:Processing:PollIntervalMilliseconds=60000"];
        await using var ingest = await StartAsync(slowPoll, ["--Hookgate:Role=ingest"]);
        await using var worker = provider == DatabaseProvider.Postgres ? await StartAsync(slowPoll, ["--Hookgate:Role=worker"]) : null;
        if (worker is null)
        {
            await ingest.DisposeAsync();
        }

        await using var receiving = worker is null ? await StartAsync(slowPoll) : null;
        var gateway = receiving ?? ingest;
        await Task.Delay(300); // the workers' first look at an empty inbox is over: they now wait on the signal

        var receipt = await PostAsync(gateway, "payfast", TestProvider.PayFast.Signed(NewId(), DateTimeOffset.UtcNow));

        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Separates_receiving_from_processing_by_role()
    {
        await using var ingest = await StartAsync(["--Hookgate:Role=ingest"]);
        await using var worker = await StartAsync(["--Hookgate:Role=worker"]);

        var receipt = await PostAsync(ingest, "payfast", TestProvider.PayFast.Signed(NewId(), DateTimeOffset.UtcNow));
        var toWorker = await worker.Client.SendAsync(TestProvider.PayFast.Signed(NewId(), DateTimeOffset.UtcNow).ToRequest("/webhooks/payfast"));

        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded);
        Assert.Equal(HttpStatusCode.NotFound, toWorker.StatusCode);
    }

    [Fact]
    public async Task Refuses_the_API_without_the_admin_key()
    {
        await using var gateway = await StartAsync();

        var missing = await gateway.Client.GetAsync("/api/dead-letters");
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/dead-letters");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey + "x");
        var wrongResponse = await gateway.Client.SendAsync(wrong);
        var right = await Admin(gateway).GetAsync("/api/dead-letters");

        await ReceivingTests.AssertProblemAsync(missing, HttpStatusCode.Unauthorized);
        await ReceivingTests.AssertProblemAsync(wrongResponse, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    protected static string NewId() => "pf_" + Guid.NewGuid().ToString("N");

    protected static async Task<ReceivingTests.Receipt> PostAsync(Gateway gateway, string source, Delivery delivery) =>
        await ReceivingTests.ReadReceiptAsync(await gateway.Client.SendAsync(delivery.ToRequest($"/webhooks/{source}")), HttpStatusCode.OK);

    protected static HttpClient Admin(Gateway gateway)
    {
        var client = new HttpClient { BaseAddress = gateway.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    protected static async Task<JsonElement> GetJsonAsync(Gateway gateway, string path)
    {
        var response = await Admin(gateway).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static Task<JsonElement> GetEventAsync(Gateway gateway, Guid id) => GetJsonAsync(gateway, $"/api/events/{id}");

    /// <summary>Waits until a replayed event has been processed a second time and succeeded again.</summary>
    protected static Task WaitForSecondSuccessAsync(Gateway gateway, Guid eventId, string failure) =>
        Eventually(async () =>
        {
            var details = await GetEventAsync(gateway, eventId);
            return details.GetProperty("status").GetString() == EventStatus.Succeeded && details.GetProperty("history").GetArrayLength() == 2;
        }, failure);

    protected async Task WaitForStatusAsync(Guid eventId, string status, TimeSpan? timeout = null)
    {
        string? last = null;
        await Eventually(async () =>
        {
            last = await Database.ScalarAsync<string>("SELECT status FROM inbox_status WHERE event_id = @id", ("id", eventId));
            return last == status;
        }, () => $"Event {eventId} did not become {status}; it is {last}.", timeout);
    }

    protected static Task Eventually(Func<bool> condition, string failure, TimeSpan? timeout = null) =>
        Eventually(() => Task.FromResult(condition()), () => failure, timeout);

    protected static Task Eventually(Func<Task<bool>> condition, string failure, TimeSpan? timeout = null) =>
        Eventually(condition, () => failure, timeout);

    /// <summary>Polls a condition that the system under test makes true asynchronously; bounded, never a fixed sleep.</summary>
    protected static async Task Eventually(Func<Task<bool>> condition, Func<string> failure, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, failure());
            await Task.Delay(20);
        }
    }

    private async Task<string> PaymentRowAsync(string paymentId)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, amount, currency, status, source_updated_at, created_at, updated_at FROM payments WHERE external_id = @id";
        AddParameter(command, "id", paymentId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

public sealed class SqliteProcessingTests() : ProcessingTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task Takes_back_the_claims_of_a_previous_run_at_start_up_without_waiting_for_their_leases()
    {
        var paymentId = NewId();
        Guid eventId;
        await using (var ingest = await StartAsync(["--Hookgate:Role=ingest"]))
        {
            eventId = (await PostAsync(ingest, "payfast", TestProvider.PayFast.Signed(paymentId, DateTimeOffset.UtcNow))).Id;

            // The previous run claimed it for the default three minutes, then died.
            var queue = ingest.Services.GetRequiredService<InboxQueue>();
            Assert.Single(await queue.ClaimAsync("crashed-run/0", 10, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(3), CancellationToken.None));
        }

        await using var restarted = await StartAsync();

        await WaitForStatusAsync(eventId, EventStatus.Succeeded);
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", paymentId)));
    }
}

public sealed class PostgresProcessingTests() : ProcessingTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Gives_back_an_event_whose_commit_met_a_database_outage_as_soon_as_the_database_is_back()
    {
        await using var bigCommerce = await FakeBigCommerce.StartAsync();
        bigCommerce.Delay = TimeSpan.FromSeconds(2);
        await using var gateway = await StartAsync(bigCommerce.SourceArguments());
        var receipt = await PostAsync(gateway, "bigcommerce", TestProvider.BigCommerceHook("store/order/created", 4712, NewId()));
        await WaitForStatusAsync(receipt.Id, EventStatus.Processing);

        // The database goes away while the order is fetched, so the worker cannot commit what it fetched.
        var name = PostgresServer.DatabaseName(Database.ConnectionString);
        await PostgresServer.ExecuteAsAdminAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
        await PostgresServer.ExecuteAsAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        await Eventually(() => bigCommerce.Api.Requests.Any(r => r.PathAndQuery.Contains("/products", StringComparison.Ordinal)), "The order was never fetched.");
        await Task.Delay(500); // the commit follows the last fetch within milliseconds, and fails
        await PostgresServer.ExecuteAsAdminAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
        ((NpgsqlDataSource)Database.Database.DataSource).Clear();

        // Well within the three-minute lease the failed claim would otherwise hold; and the outage cost no attempt.
        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded, TimeSpan.FromSeconds(20));
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT attempts FROM inbox_status WHERE event_id = @id", ("id", receipt.Id)));
        Assert.Equal(2, bigCommerce.Calls);
    }

    [Fact]
    public async Task Processes_each_key_in_order_and_never_concurrently_across_two_instances()
    {
        await using var bigCommerce = await FakeBigCommerce.StartAsync();
        bigCommerce.Delay = TimeSpan.FromMilliseconds(15);
        string[] workers = ["--Hookgate:Role=worker", "--Hookgate:Processing:Concurrency=4", "--Hookgate:Processing:BatchSize=4"];
        await using var ingest = await StartAsync(bigCommerce.SourceArguments(), ["--Hookgate:Role=ingest"]);
        await using var first = await StartAsync(bigCommerce.SourceArguments(), workers);
        await using var second = await StartAsync(bigCommerce.SourceArguments(), workers);

        long[] orders = [501, 502, 503];
        var receipts = new List<ReceivingTests.Receipt>();
        for (var round = 0; round < 8; round++)
        {
            foreach (var order in orders)
            {
                receipts.Add(await PostAsync(ingest, "bigcommerce", TestProvider.BigCommerceHook("store/order/updated", order, NewId())));
            }
        }

        foreach (var receipt in receipts)
        {
            await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded, TimeSpan.FromSeconds(30));
        }

        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.ordering_key, a.event_id, a.worker, a.started_at, a.duration_ms
            FROM inbox_attempts a JOIN inbox_status s ON s.event_id = a.event_id
            WHERE s.source = 'bigcommerce' ORDER BY s.ordering_key, a.event_id
            """;
        var attempts = new List<(string Key, Guid Event, string Worker, DateTimeOffset Start, double Ms)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                attempts.Add((reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetDouble(4)));
            }
        }

        Assert.Equal(receipts.Count, attempts.Count);
        foreach (var key in attempts.GroupBy(a => a.Key))
        {
            var ordered = key.ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previousEnd = ordered[i - 1].Start.AddMilliseconds(ordered[i - 1].Ms);
                Assert.True(ordered[i].Start >= previousEnd,
                    $"Key {key.Key}: event {ordered[i].Event} started at {ordered[i].Start:O}, before its predecessor finished at {previousEnd:O}.");
            }
        }

        // Each event was processed exactly once: one fetch of its order, no more.
        foreach (var order in orders)
        {
            Assert.Equal(8, bigCommerce.Fetches.Count(f => f.OrderId == order));
        }
    }
}

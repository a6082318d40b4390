using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Ingest;

/// <summary>
/// Every row of the contract's "Receiving" table, over real HTTP on loopback against a real database.
/// Runs once per database: see <see cref="SqliteReceivingTests"/> and <see cref="PostgresReceivingTests"/>.
/// </summary>
public abstract class ReceivingTests(ReceivingFixture fixture)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private HttpClient Client => fixture.Gateway.Client;

    public static TheoryData<string> Providers => new(TestProvider.All.Select(p => p.Name));

    private static TestProvider Provider(string name) => TestProvider.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Stores_a_signed_delivery_byte_for_byte_and_answers_received(string providerName)
    {
        var provider = Provider(providerName);
        var delivery = provider.Signed(NewId(), DateTimeOffset.UtcNow);

        var response = await Client.SendAsync(delivery.ToRequest($"/webhooks/{provider.Name}"));

        var receipt = await ReadReceiptAsync(response, HttpStatusCode.OK);
        Assert.Equal("received", receipt.Status);
        Assert.Equal(7, receipt.Id.Version);
        await using var connection = await fixture.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.source, e.provider, e.body, e.headers, s.status, s.attempts
            FROM inbox_events e JOIN inbox_status s ON s.event_id = e.id WHERE e.id = @id
            """;
        AddParameter(command, "id", receipt.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The acknowledged event is not in the database.");
        Assert.Equal(provider.Name, reader.GetString(0));
        Assert.Equal(provider.Settings[0]["Provider=".Length..], reader.GetString(1));
        Assert.Equal(delivery.Body, (byte[])reader.GetValue(2));
        var headers = JsonDocument.Parse(reader.GetString(3)).RootElement;
        foreach (var (name, value) in delivery.Headers.Where(h => !h.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.Equal(value, HeaderValue(headers, name));
        }

        Assert.Equal("pending", reader.GetString(4));
        Assert.Equal(0, reader.GetInt32(5));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Answers_a_redelivery_as_duplicate_with_the_original_id_and_stores_it_once(string providerName)
    {
        var provider = Provider(providerName);
        var eventId = NewId();
        var first = await ReadReceiptAsync(await Client.SendAsync(provider.Signed(eventId, DateTimeOffset.UtcNow).ToRequest($"/webhooks/{provider.Name}")), HttpStatusCode.OK);
        // Providers re-sign a retry with a fresh timestamp: still the same event.
        var again = await ReadReceiptAsync(await Client.SendAsync(provider.Signed(eventId, DateTimeOffset.UtcNow.AddSeconds(1)).ToRequest($"/webhooks/{provider.Name}")), HttpStatusCode.OK);

        Assert.Equal("received", first.Status);
        Assert.Equal("duplicate", again.Status);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await CountEventsAsync(provider.Name, first.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rejects_a_forged_delivery_with_401_and_stores_nothing(string providerName)
    {
        var provider = Provider(providerName);
        var before = await CountSourceAsync(provider.Name);

        var response = await Client.SendAsync(provider.Forged(NewId(), DateTimeOffset.UtcNow).ToRequest($"/webhooks/{provider.Name}"));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await CountSourceAsync(provider.Name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Accepts_the_source_named_in_the_X_Provider_ID_header(string providerName)
    {
        var provider = Provider(providerName);
        var request = provider.Signed(NewId(), DateTimeOffset.UtcNow).ToRequest("/webhooks");
        request.Headers.Add("X-Provider-ID", provider.Name);

        var receipt = await ReadReceiptAsync(await Client.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal("received", receipt.Status);
        Assert.Equal(1, await CountEventsAsync(provider.Name, receipt.Id));
    }

    [Fact]
    public async Task Rejects_a_stale_Stripe_timestamp_with_401()
    {
        var delivery = TestProvider.Stripe.Signed(NewId(), DateTimeOffset.UtcNow.AddMinutes(-6));

        var response = await Client.SendAsync(delivery.ToRequest("/webhooks/stripe"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("tolerance", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rejects_a_delivery_without_any_signature_with_401()
    {
        var response = await Client.PostAsync("/webhooks/github", new StringContent("""{"zen":"unsigned"}""", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_source()
    {
        var delivery = TestProvider.GitHub.Signed(NewId(), DateTimeOffset.UtcNow);

        var response = await Client.SendAsync(delivery.ToRequest("/webhooks/no-such-source"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Answers_400_when_neither_the_path_nor_X_Provider_ID_names_a_source()
    {
        var response = await Client.SendAsync(TestProvider.GitHub.Signed(NewId(), DateTimeOffset.UtcNow).ToRequest("/webhooks"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refuses_a_body_over_the_source_limit_with_413_and_stores_nothing()
    {
        var before = await CountSourceAsync("small");
        var body = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', 2048) + "\"}");

        var response = await Client.PostAsync("/webhooks/small", new ByteArrayContent(body));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountSourceAsync("small"));
    }

    [Fact]
    public async Task Refuses_a_chunked_body_over_the_source_limit_with_413()
    {
        // Raw HTTP, reading while it sends: the gateway answers and closes once the body passes the limit, without
        // draining the rest, so a client that only reads after sending everything may find the connection gone.
        var before = await CountSourceAsync("small");
        await using var connection = await RawHttp.ConnectAsync(Client.BaseAddress!);
        var head = $"POST /webhooks/small HTTP/1.1\r\nHost: {Client.BaseAddress!.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        Assert.True(await connection.WriteAsync(Encoding.ASCII.GetBytes(head)));
        var answer = connection.ReadResponseAsync(TimeSpan.FromSeconds(20));
        await connection.WriteAsync([.. "4000\r\n"u8, .. new byte[0x4000], .. "\r\n0\r\n\r\n"u8]);

        var response = await answer;

        Assert.Equal((int)HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
        Assert.Equal(before, await CountSourceAsync("small"));
    }

    [Fact]
    public async Task Answers_429_with_Retry_After_over_the_source_rate_limit()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await Client.SendAsync(Signed("limited", NewId()));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 must say when to retry.");
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Stores_forty_concurrent_deliveries_of_one_event_once_and_answers_all_with_its_id()
    {
        var eventId = NewId();
        var now = DateTimeOffset.UtcNow;

        var receipts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
            await ReadReceiptAsync(await Client.SendAsync(TestProvider.Stripe.Signed(eventId, now).ToRequest("/webhooks/stripe")), HttpStatusCode.OK)));

        Assert.Single(receipts.Select(r => r.Id).Distinct());
        Assert.Single(receipts, r => r.Status == "received");
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events WHERE source = 'stripe' AND dedup_key = @key", ("key", eventId)));
    }

    [Fact]
    public async Task Accepts_and_stores_a_validly_signed_body_that_is_not_JSON()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\": \"evt_truncated\", \"type\": \"payment_inte");
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-github-secret"), body));
        var delivery = new Delivery(body, "application/json", ("X-GitHub-Event", "push"), ("X-GitHub-Delivery", NewId()), ("X-Hub-Signature-256", "sha256=" + signature));

        var receipt = await ReadReceiptAsync(await Client.SendAsync(delivery.ToRequest("/webhooks/github")), HttpStatusCode.OK);

        Assert.Equal("received", receipt.Status);
        Assert.Equal(1, await CountEventsAsync("github", receipt.Id));
    }

    private HttpRequestMessage Signed(string source, string eventId)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"id":"{{eventId}}"}""");
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-github-secret"), body));
        return new Delivery(body, "application/json", ("X-GitHub-Event", "ping"), ("X-GitHub-Delivery", eventId), ("X-Hub-Signature-256", "sha256=" + signature))
            .ToRequest($"/webhooks/{source}");
    }

    private static string NewId() => "evt_" + Guid.NewGuid().ToString("N");

    private Task<int> CountEventsAsync(string source, Guid id) =>
        fixture.Database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events WHERE source = @source AND id = @id", ("source", source), ("id", id));

    private Task<int> CountSourceAsync(string source) =>
        fixture.Database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events WHERE source = @source", ("source", source));

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string? HeaderValue(JsonElement headers, string name)
    {
        foreach (var property in headers.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value[0].GetString();
            }
        }

        return null;
    }

    public static async Task<Receipt> ReadReceiptAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<Receipt>(text, Web)!;
    }

    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    public sealed record Receipt(string Status, Guid Id);
}

/// <summary>One gateway and one database shared by a receiving test class; tests use distinct event ids.</summary>
public abstract class ReceivingFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public Gateway Gateway { get; private set; } = null!;

    // Ingest only: these tests look at events as received, before any worker touches them.
    public static IEnumerable<string> SourceArguments =>
    [
        "--Hookgate:Role=ingest",
        .. TestProvider.All.SelectMany(p => p.Arguments),
        "--Hookgate:Sources:small:Provider=github", "--Hookgate:Sources:small:Secrets:0=test-github-secret", "--Hookgate:Sources:small:MaxBodyBytes=1024",
        "--Hookgate:Sources:limited:Provider=github", "--Hookgate:Sources:limited:Secrets:0=test-github-secret",
        "--Hookgate:Sources:limited:RateLimit:PermitsPerSecond=1", "--Hookgate:Sources:limited:RateLimit:Burst=2",
    ];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Gateway = await Gateway.StartAsync(Database, SourceArguments);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteReceivingFixture() : ReceivingFixture(DatabaseProvider.Sqlite);

public sealed class PostgresReceivingFixture() : ReceivingFixture(DatabaseProvider.Postgres);

public sealed class SqliteReceivingTests(SqliteReceivingFixture fixture) : ReceivingTests(fixture), IClassFixture<SqliteReceivingFixture>;

public sealed class PostgresReceivingTests(PostgresReceivingFixture fixture) : ReceivingTests(fixture), IClassFixture<PostgresReceivingFixture>;

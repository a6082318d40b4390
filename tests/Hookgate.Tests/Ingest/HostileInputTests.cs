using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hookgate.Processing;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Ingest;

/// <summary>
/// What a hostile or broken sender can do to ingest and processing, over real HTTP against the real gateway and a
/// real database. Refusals are 4xx problem details with nothing stored; a validly signed body that cannot be read
/// is stored (the contract: the sender cannot fix it by retrying) and dead-lettered with the reason.
/// Runs once per database: see <see cref="SqliteHostileInputTests"/> and <see cref="PostgresHostileInputTests"/>.
/// </summary>
public abstract class HostileInputTests(HostileInputFixture fixture)
{
    private HttpClient Client => fixture.Gateway.Client;

    private TestDatabase Database => fixture.Database;

    public static TheoryData<string> Providers => new(TestProvider.All.Select(p => p.Name));

    // ---- Bodies that are not what the provider documents, validly signed: stored, then dead-lettered ----

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "stripe", """{"id":"evt_truncated","type":"payment_intent.succeeded","created":1717000000,"data":{"object":{"id":"pi_1","amou""" },
        { "stripe", """{"id":"evt_commas","type":"payment_intent.succeeded",,"created":1717000000}""" },
        { "stripe", "payment_intent.succeeded for 20.00 USD" },
        { "salla", """{"event":"order.created","merchant":1305146709,"created_at":"2022-06-26 12:21:48","data":{"id":21""" },
        { "salla", """{"event":"order.created","data":{"id":1,"amounts":{"total":{"amount":'115'}}}}""" },
        { "shopify", """{"id":820982911946154508,"name":"#1001","total_price":"254.98","line_items":[{"id":1,""" },
        { "shopify", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Stores_malformed_JSON_with_a_valid_signature_and_dead_letters_it_naming_the_JSON_error(string source, string body)
    {
        var receipt = await ReceiveAsync(source, Sign(source, Encoding.UTF8.GetBytes(body + Nonce())));

        var reason = await DeadLetterReasonAsync(receipt.Id);
        Assert.Contains("JSON", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Stores_invalid_UTF8_byte_for_byte_and_dead_letters_it_naming_the_encoding()
    {
        // A Stripe event whose payment intent id holds bytes that are not UTF-8 (a Latin-1 'é', then a stray 0xFF).
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"id":"evt_{{Nonce()}}","type":"payment_intent.succeeded","created":1717000000,"data":{"object":{"id":"pi_caf"""),
            0xE9, 0xFF, .. Encoding.UTF8.GetBytes("\",\"amount\":2000,\"currency\":\"usd\"}}}")];

        var receipt = await ReceiveAsync("stripe", SignedBodies.Stripe(body));

        var reason = await DeadLetterReasonAsync(receipt.Id);
        Assert.Contains("UTF-8", reason, StringComparison.OrdinalIgnoreCase);
        var details = await GetEventAsync(receipt.Id);
        Assert.Equal(body, Convert.FromBase64String(details.GetProperty("bodyBase64").GetString()!));
        Assert.Equal(JsonValueKind.Null, details.GetProperty("body").ValueKind);
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("salla")]
    public async Task Stores_JSON_nested_ten_thousand_deep_and_dead_letters_it_naming_the_depth(string source)
    {
        // In a field the translator skips, after the fields ingest reads: only reading past it can fail.
        var nested = new string('[', 10_000) + new string(']', 10_000);
        var body = source == "stripe"
            ? $$$$"""{"id":"evt_{{{{Nonce()}}}}","type":"payment_intent.succeeded","created":1717000000,"request":{{{{nested}}}},"data":{"object":{"id":"pi_1"}}}"""
            : $$$"""{"event":"order.created","merchant":1,"created_at":"2022-06-26 12:21:48","nonce":"{{{Nonce()}}}","extra":{{{nested}}},"data":{"id":1}}""";

        var receipt = await ReceiveAsync(source, Sign(source, Encoding.UTF8.GetBytes(body)));

        var reason = await DeadLetterReasonAsync(receipt.Id);
        Assert.Contains("depth", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Stores_a_body_of_objects_nested_ten_thousand_deep_and_dead_letters_it_naming_the_depth()
    {
        // Nothing ingest looks for is above the nesting: its probe meets the depth limit first.
        var body = "{" + string.Concat(Enumerable.Repeat("\"a\":{", 10_000)) + $"\"nonce\":\"{Nonce()}\"" + new string('}', 10_001);

        var receipt = await ReceiveAsync("stripe", SignedBodies.Stripe(Encoding.UTF8.GetBytes(body)));

        Assert.Contains("depth", await DeadLetterReasonAsync(receipt.Id), StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string, string> OverflowingNumbers => new()
    {
        // source, body with {0} where the number goes and {1} for a nonce, the field the reason must name
        { "salla", """{"event":"order.created","merchant":1,"created_at":"2022-06-26 12:21:48","data":{"id":"{1}","status":{"slug":"pending"},"currency":"SAR","amounts":{"total":{"amount":{0},"currency":"SAR"}},"items":[]}}""", "total" },
        { "shopify", """{"id":1,"name":"#{1}","currency":"USD","total_price":{0},"financial_status":"paid","line_items":[]}""", "total_price" },
        { "stripe", """{"id":"evt_{1}","type":"payment_intent.succeeded","created":1717000000,"data":{"object":{"id":"pi_1","amount":{0},"currency":"usd"}}}""", "amount" },
    };

    [Theory]
    [MemberData(nameof(OverflowingNumbers))]
    public async Task Dead_letters_an_amount_beyond_decimal_naming_the_field(string source, string template, string field)
    {
        foreach (var number in new[] { "1e400", "79228162514264337593543950336", "\"79228162514264337593543950336\"", "-1e400" })
        {
            var body = template.Replace("{0}", number, StringComparison.Ordinal).Replace("{1}", Nonce(), StringComparison.Ordinal);

            var receipt = await ReceiveAsync(source, Sign(source, Encoding.UTF8.GetBytes(body)));

            var reason = await DeadLetterReasonAsync(receipt.Id);
            Assert.True(reason.Contains(field, StringComparison.Ordinal), $"{number}: the reason does not name {field}: {reason}");
        }
    }

    // ---- Size: refused before it is stored ----

    [Fact]
    public async Task Refuses_a_ten_MiB_body_with_a_Content_Length_with_413_and_stores_nothing()
    {
        var counts = await CountRowsAsync();
        var delivery = SignedBodies.GitHub(new byte[10 * 1024 * 1024]);

        var response = await Client.SendAsync(delivery.ToRequest("/webhooks/github"));

        await ReceivingTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(counts, await CountRowsAsync());
    }

    [Fact]
    public async Task Refuses_an_endless_chunked_body_with_413_closes_the_connection_and_stores_nothing()
    {
        var counts = await CountRowsAsync();
        await using var connection = await RawHttp.ConnectAsync(fixture.Gateway.Address);
        var head = $"POST /webhooks/github HTTP/1.1\r\nHost: {fixture.Gateway.Address.Authority}\r\nContent-Type: application/json\r\n" +
            "X-GitHub-Event: push\r\nX-GitHub-Delivery: endless\r\nX-Hub-Signature-256: sha256=00\r\nTransfer-Encoding: chunked\r\n\r\n";
        Assert.True(await connection.WriteAsync(Encoding.ASCII.GetBytes(head)));
        var answer = connection.ReadResponseAsync(TimeSpan.FromSeconds(20));
        var chunk = (byte[])[.. "10000\r\n"u8, .. new byte[0x10000], .. "\r\n"u8];
        var sent = 0L;

        // Keeps sending until the server stops listening: it answers and closes, or the write fails.
        while (!answer.IsCompleted && sent < 256L * 1024 * 1024 && await connection.WriteAsync(chunk))
        {
            sent += 0x10000;
        }

        var response = await answer;
        // Loopback's socket buffers take a few MiB more than the server reads; draining to Kestrel's 64 MiB would not fit.
        Assert.True(sent < 16L * 1024 * 1024, $"The server took {sent} bytes of a body over a 1 MiB limit before stopping.");
        AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(counts, await CountRowsAsync());
    }

    // ---- Signatures: every kind of garbage is a 401 problem, with nothing stored ----

    public static TheoryData<string, string> GarbageSignatures
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in TestProvider.All)
            {
                foreach (var kind in Garbage.Keys)
                {
                    data.Add(provider.Name, kind);
                }
            }

            return data;
        }
    }

    private static readonly Dictionary<string, string> Garbage = new()
    {
        ["not hex or base64"] = new string('z', 64),
        ["one byte short"] = new string('a', 62),
        ["empty"] = "",
        ["huge"] = new string('f', 16 * 1024),
        ["unicode"] = "ünïcødé—签名—🔑" + new string('é', 40),
        ["a valid MAC of other bytes"] = "b7e2b6a3c9d1e0f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8",
    };

    [Theory]
    [MemberData(nameof(GarbageSignatures))]
    public async Task Refuses_a_garbage_signature_with_401_and_stores_nothing(string providerName, string kind)
    {
        var provider = TestProvider.All.Single(p => p.Name == providerName);
        var counts = await CountRowsAsync();
        var delivery = WithSignature(provider, provider.Signed(Nonce(), DateTimeOffset.UtcNow), Garbage[kind]);

        var response = await Utf8HeaderClient.SendAsync(delivery.ToRequest(new Uri(fixture.Gateway.Address, $"/webhooks/{provider.Name}").ToString()));

        await ReceivingTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(counts, await CountRowsAsync());
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(-86_400 * 365)]
    [InlineData(600)]
    public async Task Refuses_a_Stripe_signature_replayed_outside_the_tolerance_with_401(int secondsFromNow)
    {
        var counts = await CountRowsAsync();
        var delivery = TestProvider.Stripe.Signed(Nonce(), DateTimeOffset.UtcNow.AddSeconds(secondsFromNow));

        var response = await Client.SendAsync(delivery.ToRequest("/webhooks/stripe"));

        var problem = await ReceivingTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("tolerance", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(counts, await CountRowsAsync());
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(-86_400 * 365)]
    [InlineData(600)]
    public async Task Refuses_a_Standard_Webhooks_signature_replayed_outside_the_tolerance_with_401(int secondsFromNow)
    {
        var counts = await CountRowsAsync();
        var delivery = TestProvider.Standard.Signed(Nonce(), DateTimeOffset.UtcNow.AddSeconds(secondsFromNow));

        var response = await Client.SendAsync(delivery.ToRequest("/webhooks/standard"));

        var problem = await ReceivingTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("tolerance", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(counts, await CountRowsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Refuses_a_delivery_signed_with_another_sources_secret_with_401(string providerName)
    {
        var provider = TestProvider.All.Single(p => p.Name == providerName);
        var counts = await CountRowsAsync();
        var signedForTwin = provider.Sign(Nonce(), HostileInputFixture.TwinSecret(provider), DateTimeOffset.UtcNow);

        var response = await Client.SendAsync(signedForTwin.ToRequest($"/webhooks/{provider.Name}"));

        await ReceivingTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(counts, await CountRowsAsync());

        // The same delivery is authentic for the source whose secret signed it: only the source was wrong.
        var twin = await Client.SendAsync(signedForTwin.ToRequest($"/webhooks/{provider.Name}-twin"));
        Assert.Equal(HttpStatusCode.OK, twin.StatusCode);
    }

    // ---- Source names: traversal and injection find no source, and change nothing ----

    [Theory]
    [InlineData("/webhooks/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/webhooks/..%2fstripe")]
    [InlineData("/webhooks/%2e%2e%2fstripe")]
    [InlineData("/webhooks/stripe%2F..%2F..%2Fapi")]
    [InlineData("/webhooks/x'%3B%20DROP%20TABLE%20inbox_events%3B--")]
    [InlineData("/webhooks/stripe'%20OR%20'1'%3D'1")]
    [InlineData("/webhooks/stripe%22%3B%20DELETE%20FROM%20inbox_status%3B--")]
    public async Task Answers_404_for_a_source_name_with_traversal_or_SQL_and_changes_nothing(string rawPath)
    {
        var counts = await CountRowsAsync();
        // Validly signed for the stripe source: had the name resolved to it, the delivery would be stored.
        var delivery = TestProvider.Stripe.Signed(Nonce(), DateTimeOffset.UtcNow);

        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "POST", rawPath, [("Content-Type", "application/json"), .. delivery.Headers], delivery.Body);

        AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Equal(counts, await CountRowsAsync());
        await AssertTablesIntactAsync(counts);
    }

    [Theory]
    [InlineData("x'; DROP TABLE inbox_events;--")]
    [InlineData("../stripe")]
    [InlineData("..%2Fstripe")]
    [InlineData("stripe/../github")]
    public async Task Answers_404_for_an_X_Provider_ID_with_traversal_or_SQL_and_changes_nothing(string header)
    {
        var counts = await CountRowsAsync();
        var request = TestProvider.Stripe.Signed(Nonce(), DateTimeOffset.UtcNow).ToRequest("/webhooks");
        request.Headers.Add("X-Provider-ID", header);

        var response = await Client.SendAsync(request);

        await ReceivingTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(counts, await CountRowsAsync());
        await AssertTablesIntactAsync(counts);
    }

    // ---- Identity values a database might refuse: a NUL, or an id far longer than any index entry ----

    [Theory]
    [InlineData("evt_nul\\u0000byte")]
    [InlineData("evt_long_")]
    public async Task Stores_a_validly_signed_event_whose_id_no_index_could_hold_and_recognises_it_again(string id)
    {
        // PostgreSQL text cannot hold NUL, and a B-tree entry holds at most 2704 bytes: neither may fail the commit.
        // Random hex: PostgreSQL compresses an index entry before measuring it, so repeated letters would fit.
        var eventId = id.EndsWith('_') ? id + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20_000)) : id + Nonce();
        var body = Encoding.UTF8.GetBytes($$$$"""{"id":"{{{{eventId}}}}","type":"{{{{eventId}}}}","created":1717000000,"data":{"object":{"id":"{{{{eventId}}}}"}}}""");

        var first = await ReceiveAsync("stripe", SignedBodies.Stripe(body));
        var again = await ReceiveAsync("stripe", SignedBodies.Stripe(body));

        Assert.Equal("received", first.Status);
        Assert.Equal("duplicate", again.Status);
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task Processes_text_holding_a_NUL_and_keeps_processing_what_follows()
    {
        // Valid JSON, but PostgreSQL text cannot hold U+0000: a failed statement would poison the worker's transaction.
        var customerId = Nonce();
        var customer = $$$"""{"event":"customer.created","merchant":1,"created_at":"2022-06-26 12:21:48","data":{"id":"{{{customerId}}}","first_name":"Sa\u0000ra","email":"sara@example.com"}}""";
        var ignored = $$$$"""{"id":"evt_{{{{Nonce()}}}}","type":"payment_intent.\u0000","created":1717000000,"data":{"object":{"id":"pi_1"}}}""";

        var applied = await ReceiveAsync("salla", SignedBodies.Salla(Encoding.UTF8.GetBytes(customer)));
        var skipped = await ReceiveAsync("stripe", SignedBodies.Stripe(Encoding.UTF8.GetBytes(ignored)));
        var after = await ReceiveAsync("stripe", TestProvider.Stripe.Signed("evt_" + Nonce(), DateTimeOffset.UtcNow));

        await WaitForStatusAsync(applied.Id, EventStatus.Succeeded);
        await WaitForStatusAsync(skipped.Id, EventStatus.Ignored);
        await WaitForStatusAsync(after.Id, EventStatus.Succeeded);
        Assert.Equal("Sa\uFFFDra", await Database.ScalarAsync<string>("SELECT name FROM customers WHERE source = 'salla' AND external_id = @id", ("id", customerId)));
    }

    // ---- Duplicate keys ----

    [Fact]
    public async Task Dead_letters_a_payload_with_duplicate_keys_naming_the_key()
    {
        var nonce = Nonce();
        var body = $$$$"""{"id":"evt_{{{{nonce}}}}","type":"payment_intent.succeeded","created":1717000000,"data":{"object":{"id":"pi_{{{{nonce}}}}","amount":2000,"amount":1,"currency":"usd"}}}""";

        var receipt = await ReceiveAsync("stripe", SignedBodies.Stripe(Encoding.UTF8.GetBytes(body)));

        var reason = await DeadLetterReasonAsync(receipt.Id);
        Assert.Contains("amount", reason, StringComparison.Ordinal);
        Assert.Contains("uplicate", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_PayFast_field_sent_twice_as_its_first_value_for_identity_and_payment_alike()
    {
        // A form has no objects to refuse a key in: the signature covers both fields, and every reader takes the first.
        string first = "pf_first_" + Nonce(), second = "pf_second_" + Nonce();
        var itn = TestProvider.PayFastItn(TestProvider.PayFast.Secret,
            ("m_payment_id", "ORDER-DUP"), ("pf_payment_id", first), ("pf_payment_id", second), ("payment_status", "COMPLETE"), ("amount_gross", "10.00"));

        var receipt = await ReceiveAsync("payfast", itn);

        await WaitForStatusAsync(receipt.Id, EventStatus.Succeeded);
        Assert.Equal(first, (await GetEventAsync(receipt.Id)).GetProperty("providerEventId").GetString());
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", first)));
        Assert.Equal(0, await Database.ScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE external_id = @id", ("id", second)));
    }

    // ---- Helpers ----

    /// <summary>HttpClient refuses to send non-ASCII header values unless told how to encode them; senders can.</summary>
    private static readonly HttpClient Utf8HeaderClient = new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });

    private static Delivery Sign(string source, byte[] body) => source switch
    {
        "stripe" => SignedBodies.Stripe(body),
        "salla" => SignedBodies.Salla(body),
        "shopify" => SignedBodies.Shopify(body),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    /// <summary>The delivery with its signature (header or PayFast's signature field) replaced by <paramref name="garbage"/>.</summary>
    private static Delivery WithSignature(TestProvider provider, Delivery delivery, string garbage)
    {
        if (provider == TestProvider.PayFast)
        {
            var form = Encoding.UTF8.GetString(delivery.Body);
            var at = form.IndexOf("&signature=", StringComparison.Ordinal);
            return delivery with { Body = Encoding.UTF8.GetBytes(form[..at] + "&signature=" + WebUtility.UrlEncode(garbage)) };
        }

        var (header, prefix) = provider.Name switch
        {
            "stripe" => ("Stripe-Signature", $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1="),
            "github" => ("X-Hub-Signature-256", "sha256="),
            "shopify" => ("X-Shopify-Hmac-Sha256", ""),
            "salla" => ("X-Salla-Signature", ""),
            "standard" => ("webhook-signature", "v1,"),
            "bigcommerce" => ("X-Hookgate-Secret", ""),
            "custom" => ("X-Signature", "sha256="),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider.Name, null),
        };
        return delivery with { Headers = [.. delivery.Headers.Where(h => h.Name != header), (header, prefix + garbage)] };
    }

    private async Task<ReceivingTests.Receipt> ReceiveAsync(string source, Delivery delivery) =>
        await ReceivingTests.ReadReceiptAsync(await Client.SendAsync(delivery.ToRequest($"/webhooks/{source}")), HttpStatusCode.OK);

    /// <summary>The inbox still takes a delivery, and holds exactly one more row in each table.</summary>
    private async Task AssertTablesIntactAsync((int Events, int Statuses) before)
    {
        await ReceiveAsync("stripe", TestProvider.Stripe.Signed(Nonce(), DateTimeOffset.UtcNow));
        Assert.Equal((before.Events + 1, before.Statuses + 1), await CountRowsAsync());
    }

    private async Task<(int Events, int Statuses)> CountRowsAsync() =>
        (await Database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_events"), await Database.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_status"));

    /// <summary>Waits for processing to dead-letter the event; returns the reason the API gives.</summary>
    private async Task<string> DeadLetterReasonAsync(Guid eventId)
    {
        await WaitForStatusAsync(eventId, EventStatus.DeadLettered);
        var details = await GetEventAsync(eventId);
        Assert.Equal(1, details.GetProperty("attempts").GetInt32());
        return details.GetProperty("lastError").GetString()!;
    }

    private async Task WaitForStatusAsync(Guid eventId, string expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        string? status;
        while ((status = await Database.ScalarAsync<string>("SELECT status FROM inbox_status WHERE event_id = @id", ("id", eventId))) != expected)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Event {eventId} did not become {expected}; it is {status}.");
            await Task.Delay(20);
        }
    }

    private async Task<JsonElement> GetEventAsync(Guid eventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{eventId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostileInputFixture.AdminKey);
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void AssertProblem(RawResponse response, HttpStatusCode expected)
    {
        Assert.True(response.Status == (int)expected, $"Expected {(int)expected}, got {response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
        Assert.Equal((int)expected, JsonDocument.Parse(response.Body).RootElement.GetProperty("status").GetInt32());
    }

    private static string Nonce() => Guid.NewGuid().ToString("N");
}

/// <summary>
/// One gateway, receiving and processing, with every provider's source and a twin of each signed with another secret.
/// BigCommerce's API is a closed loopback port: these tests never let a BigCommerce event through to it.
/// </summary>
public abstract class HostileInputFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string AdminKey = "hostile-admin-key";

    public TestDatabase Database { get; private set; } = null!;

    public Gateway Gateway { get; private set; } = null!;

    /// <summary>The secret of <c>&lt;provider&gt;-twin</c>: the same provider, another source, another secret.</summary>
    public static string TwinSecret(TestProvider provider) => provider.Name switch
    {
        "stripe" => "whsec_twin_stripe_secret",
        "standard" => "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("twin-standard-secret")),
        "payfast" => "twin payfast passphrase",
        _ => $"twin-{provider.Name}-secret",
    };

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Gateway = await Gateway.StartAsync(Database, [
            $"--Hookgate:AdminApiKey={AdminKey}",
            "--Hookgate:Processing:PollIntervalMilliseconds=200",
            "--Hookgate:Processing:RetryBaseSeconds=0.05",
            .. TestProvider.All.SelectMany(p => p.Arguments),
            .. TestProvider.All.SelectMany(p => p.Settings.Select(s => $"--Hookgate:Sources:{p.Name}-twin:{s.Replace(p.Secret, TwinSecret(p), StringComparison.Ordinal)}")),
            "--Hookgate:Sources:bigcommerce:ApiBaseUrl=http://127.0.0.1:9/",
            "--Hookgate:Sources:bigcommerce-twin:ApiBaseUrl=http://127.0.0.1:9/",
        ]);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteHostileInputFixture() : HostileInputFixture(DatabaseProvider.Sqlite);

public sealed class PostgresHostileInputFixture() : HostileInputFixture(DatabaseProvider.Postgres);

public sealed class SqliteHostileInputTests(SqliteHostileInputFixture fixture) : HostileInputTests(fixture), IClassFixture<SqliteHostileInputFixture>;

public sealed class PostgresHostileInputTests(PostgresHostileInputFixture fixture) : HostileInputTests(fixture), IClassFixture<PostgresHostileInputFixture>;

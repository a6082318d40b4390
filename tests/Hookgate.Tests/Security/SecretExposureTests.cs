using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hookgate.Processing;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;
using Hookgate.Tests.Processing;
using Hookgate.Tests.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hookgate.Tests.Security;

/// <summary>
/// A whole working day of the gateway, logged at Trace by every category (ASP.NET Core, HttpClient, Hookgate): authentic
/// and forged deliveries for every provider, credentials sent in clear (Salla's token, BigCommerce's header and basic
/// credentials), processing that calls provider APIs with an access token, dead letters, alerts and every API answer.
/// No configured secret, and no credential a sender put in clear, appears in any log line, API answer or alert.
/// Runs once per database: the API's answers are read back from storage.
/// </summary>
public abstract class SecretExposureTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string AdminKey = "admin-key-f7d1c0e2b9a8";
    private const string SallaToken = "salla-token-3c9e7a1b5d";
    private const string BasicUser = "hookgate-user";
    private const string BasicPassword = "bigcommerce-basic-password-8e2f";
    private const string RefusedAccessToken = "bigcommerce-refused-token-5a7c";

    private static readonly string ValidBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicUser}:{BasicPassword}"));
    private static readonly string ForgedBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicUser}:forged-basic-password"));

    /// <summary>Every secret the gateway holds, in the forms it travels in, and every credential a sender put in clear.</summary>
    private static readonly string[] Secrets =
    [
        .. TestProvider.All.Select(p => p.Secret),
        "whsec_previous_stripe_secret",
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "test+payfast+passphrase",
        "test-bigcommerce-token",
        AdminKey, SallaToken, BasicPassword, RefusedAccessToken, ValidBasic,
        TestProvider.BigCommerce.WrongSecret, "forged-salla-token", ForgedBasic, "forged-basic-password", "forged-admin-key",
    ];

    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task No_secret_appears_in_any_log_API_answer_or_alert()
    {
        var logs = new CapturedLogs();
        var alerts = new List<string>();
        await using var alertReceiver = await LoopbackApi.StartAsync(app => app.MapPost("/alerts", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var alert = await reader.ReadToEndAsync();
            lock (alerts)
            {
                alerts.Add(alert);
            }

            return Results.Ok();
        }));
        await using var bigCommerce = await FakeBigCommerce.StartAsync();
        await using var refusingApi = await LoopbackApi.StartAsync(app => app.MapGet("/{**path}", () => Results.StatusCode(StatusCodes.Status401Unauthorized)));
        await using var gateway = await Gateway.StartAsync(database, [
            "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Hookgate=Trace", "--Logging:LogLevel:Microsoft=Trace",
            "--Logging:LogLevel:Microsoft.AspNetCore=Trace", "--Logging:LogLevel:System=Trace", "--Logging:Console:LogLevel:Default=None",
            $"--Hookgate:AdminApiKey={AdminKey}",
            $"--Hookgate:Alerts:WebhookUrl={alertReceiver.BaseUrl}alerts",
            "--Hookgate:Processing:RetryBaseSeconds=0.05", "--Hookgate:Processing:RetryMaxSeconds=0.1", "--Hookgate:Processing:PollIntervalMilliseconds=100",
            .. TestProvider.All.Where(p => p != TestProvider.BigCommerce).SelectMany(p => p.Arguments),
            .. bigCommerce.SourceArguments(),
            "--Hookgate:Sources:salla-token:Provider=salla", "--Hookgate:Sources:salla-token:Strategy=Token", $"--Hookgate:Sources:salla-token:Secrets:0={SallaToken}",
            "--Hookgate:Sources:bigcommerce-basic:Provider=bigcommerce", $"--Hookgate:Sources:bigcommerce-basic:Username={BasicUser}",
            $"--Hookgate:Sources:bigcommerce-basic:Secrets:0={BasicPassword}", $"--Hookgate:Sources:bigcommerce-basic:AccessToken={RefusedAccessToken}",
            $"--Hookgate:Sources:bigcommerce-basic:ApiBaseUrl={refusingApi.BaseUrl}", "--Hookgate:Sources:bigcommerce-basic:MaxAttempts=2",
        ], logs);
        var answers = new StringBuilder();
        var received = new List<Guid>();

        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpClient? client = null)
        {
            var response = await (client ?? gateway.Client).SendAsync(request);
            answers.Append(response.Headers).Append(response.Content.Headers).AppendLine(await response.Content.ReadAsStringAsync());
            return response;
        }

        async Task DeliverAsync(string source, Delivery delivery, HttpStatusCode expected)
        {
            var response = await SendAsync(delivery.ToRequest($"/webhooks/{source}"));
            Assert.Equal(expected, response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                received.Add((await response.Content.ReadFromJsonAsync<ReceivingTests.Receipt>(JsonSerializerOptions.Web))!.Id);
            }
        }

        // Every provider, authentic and forged.
        foreach (var testProvider in TestProvider.All)
        {
            await DeliverAsync(testProvider.Name, testProvider.Signed("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), HttpStatusCode.OK);
            await DeliverAsync(testProvider.Name, testProvider.Forged("evt_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), HttpStatusCode.Unauthorized);
        }

        // Credentials in clear: Salla's token and BigCommerce's basic credentials, right and wrong, and one to no source at all.
        var sallaBody = Encoding.UTF8.GetBytes($$$"""{"event":"customer.created","merchant":1,"created_at":"2022-06-26 12:21:48","data":{"id":"{{{Guid.NewGuid():N}}}","first_name":"Sara","email":"sara@example.com"}}""");
        await DeliverAsync("salla-token", new Delivery(sallaBody, "application/json", ("X-Salla-Security-Strategy", "Token"), ("Authorization", "Bearer " + SallaToken)), HttpStatusCode.OK);
        await DeliverAsync("salla-token", new Delivery(sallaBody, "application/json", ("Authorization", "Bearer forged-salla-token")), HttpStatusCode.Unauthorized);
        var basicHook = TestProvider.BigCommerceHook("store/order/updated", 250, "hash-" + Guid.NewGuid().ToString("N"));
        await DeliverAsync("bigcommerce-basic", basicHook with { Headers = [("Authorization", "Basic " + ValidBasic)] }, HttpStatusCode.OK);
        await DeliverAsync("bigcommerce-basic", basicHook with { Headers = [("Authorization", "Basic " + ForgedBasic)] }, HttpStatusCode.Unauthorized);
        await DeliverAsync("no-such-source", new Delivery(sallaBody, "application/json", ("Authorization", "Bearer " + SallaToken)), HttpStatusCode.NotFound);

        // A dead letter for its reason: PayFast's amount is not a number.
        await DeliverAsync("payfast", TestProvider.PayFastItn(TestProvider.PayFast.Secret,
            ("m_payment_id", "ORDER-9"), ("pf_payment_id", Guid.NewGuid().ToString("N")), ("payment_status", "COMPLETE"), ("amount_gross", "lots")), HttpStatusCode.OK);

        await WaitUntilFinishedAsync(received);

        // The operator's view: every event with its headers, the dead letters, a replay, a refused key, the metrics.
        using var admin = new HttpClient { BaseAddress = gateway.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        foreach (var id in received)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{id}"), admin)).StatusCode);
        }

        var deadLetters = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/dead-letters"), admin);
        Assert.Equal(HttpStatusCode.OK, deadLetters.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/events/{received[0]}/replay"), admin)).StatusCode);
        var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/dead-letters");
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "forged-admin-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(wrongKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics"))).StatusCode);
        await EventuallyAsync(
            () =>
            {
                lock (alerts)
                {
                    return Task.FromResult(alerts.Count >= 2);
                }
            },
            "The dead letters' alerts never arrived.");

        // The capture saw what a sink would: the refusals, the dead letters, and the framework's chatter at Debug and Trace.
        var logged = logs.Entries.ToList();
        Assert.Contains(logged, log => log.Text.Contains("Rejected a delivery", StringComparison.Ordinal));
        Assert.Contains(logged, log => log.Level == LogLevel.Critical && log.Text.Contains("refused the access token", StringComparison.Ordinal));
        Assert.Contains(logged, log => log.Level == LogLevel.Trace && log.Category.StartsWith("System.Net.Http", StringComparison.Ordinal));
        Assert.Contains(logged, log => log.Level == LogLevel.Debug && log.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var everything = new Dictionary<string, string>
        {
            ["logs"] = string.Join('\n', logged.Select(log => $"{log.Category} {log.Level} {log.Text}")),
            ["API answers"] = answers.ToString(),
            ["alerts"] = string.Join('\n', alerts.ToArray()),
        };
        foreach (var (where, text) in everything)
        {
            foreach (var secret in Secrets)
            {
                var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
                Assert.True(at < 0, $"'{secret}' appears in the {where}: ...{text[Math.Max(0, at - 200)..Math.Min(text.Length, at + 100)]}...");
            }
        }
    }

    /// <summary>Polls what the gateway makes true in the background; bounded, never a fixed sleep.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    private async Task WaitUntilFinishedAsync(IEnumerable<Guid> events)
    {
        string[] final = [EventStatus.Succeeded, EventStatus.Ignored, EventStatus.DeadLettered];
        foreach (var id in events)
        {
            await EventuallyAsync(
                async () =>
                {
                    var status = await database.ScalarAsync<string>("SELECT status FROM inbox_status WHERE event_id = @id", ("id", id));
                    return Array.IndexOf(final, status) >= 0;
                },
                $"Event {id} never finished processing.");
        }
    }
}

public sealed class SqliteSecretExposureTests() : SecretExposureTests(DatabaseProvider.Sqlite);

public sealed class PostgresSecretExposureTests() : SecretExposureTests(DatabaseProvider.Postgres);

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Hookgate.Tests.Ingest;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// Delivers webhooks as a provider does: POSTs one until it is answered 200, retrying any other answer and any
/// connection error after a short pause, round-robin over the gateways it is given (a load balancer's view). Every
/// try is logged with when it was sent and answered.
/// </summary>
public sealed class DeliveryClient : IDisposable
{
    private readonly HttpClient client;
    private readonly IReadOnlyList<Uri> gateways;
    private readonly TimeSpan pause;
    private readonly TimeSpan patience;
    private int next;

    /// <param name="patience">How long one delivery may keep failing before the test fails: every loop is bounded.</param>
    public DeliveryClient(IReadOnlyList<Uri> gateways, TimeSpan pause, TimeSpan patience)
    {
        this.gateways = gateways;
        this.pause = pause;
        this.patience = patience;
        client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = 64,
        })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    public ConcurrentQueue<Try> Tries { get; } = new();

    /// <summary>Returns the 200's receipt; throws when the delivery is still refused after <c>patience</c>.</summary>
    public async Task<Ack> DeliverAsync(Delivery delivery, string path)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        for (var tries = 1; ; tries++)
        {
            var gateway = gateways[(int)((uint)Interlocked.Increment(ref next) % gateways.Count)];
            var sentAt = DateTimeOffset.UtcNow;
            try
            {
                using var request = delivery.ToRequest(path);
                request.RequestUri = new Uri(gateway, path);
                using var response = await client.SendAsync(request);
                var answeredAt = DateTimeOffset.UtcNow;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var receipt = (await response.Content.ReadFromJsonAsync<ReceivingTests.Receipt>())!;
                    Tries.Enqueue(new Try(gateway, sentAt, answeredAt, 200, IsProblem: false, HasRetryAfter: false));
                    return new Ack(receipt.Id, receipt.Status, tries, answeredAt);
                }

                Tries.Enqueue(new Try(gateway, sentAt, answeredAt, (int)response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    response.Headers.RetryAfter is not null));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                Tries.Enqueue(new Try(gateway, sentAt, DateTimeOffset.UtcNow, StatusCode: null, IsProblem: false, HasRetryAfter: false));
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"A delivery to {path} was still not accepted after {tries} tries in {patience.TotalSeconds} s.");
            }

            // Shorter than the Retry-After a provider would honour: the test wants many tries while the fault lasts.
            await Task.Delay(pause);
        }
    }

    public void Dispose() => client.Dispose();
}

/// <summary>A 200: the event's id and whether this delivery stored it (<c>received</c>) or found it stored (<c>duplicate</c>).</summary>
public sealed record Ack(Guid Id, string Status, int Tries, DateTimeOffset At);

/// <summary>One POST: its answer's status code, or null when the connection failed.</summary>
public sealed record Try(Uri Gateway, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, int? StatusCode, bool IsProblem, bool HasRetryAfter);

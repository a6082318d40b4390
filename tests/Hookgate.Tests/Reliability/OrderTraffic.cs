using System.Collections.Concurrent;

namespace Hookgate.Tests.Reliability;

/// <summary>
/// Provider traffic over many Salla orders. Each lane keeps a few orders open and sends their versions in turn,
/// the next version of an order only once the previous one was acknowledged (a provider's queue per order), and
/// redelivers some acknowledged versions, which must come back as duplicates of the same event. Bounded by
/// <see cref="TrafficShape.MaxEventsPerLane"/> as well as by the stop token.
/// </summary>
public sealed class OrderTraffic(SallaOrderFeed feed, DeliveryClient client, TrafficShape shape, int seed)
{
    public ConcurrentQueue<SentVersion> Acked { get; } = new();

    public ConcurrentQueue<Redelivery> Redeliveries { get; } = new();

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, shape.Lanes).Select(lane => Task.Run(() => LaneAsync(lane, stop))));

    /// <summary>What each order must finally look like: its newest acknowledged version.</summary>
    public IReadOnlyDictionary<long, int> FinalVersions() =>
        Acked.GroupBy(a => a.OrderId).ToDictionary(g => g.Key, g => g.Max(a => a.Version));

    private async Task LaneAsync(int lane, CancellationToken stop)
    {
        var random = new Random(seed * 100 + lane);
        var nextOrder = (lane + 1) * 1_000_000L;
        var open = new List<(long Id, int Version)>();
        for (var i = 0; i < shape.OrdersPerLane; i++)
        {
            open.Add((nextOrder++, 1));
        }

        for (var sent = 0; sent < shape.MaxEventsPerLane && !stop.IsCancellationRequested; sent++)
        {
            var slot = sent % open.Count;
            var (orderId, version) = open[slot];
            var delivery = feed.Version(orderId, version);
            var ack = await client.DeliverAsync(delivery, feed.Path);
            Acked.Enqueue(new SentVersion(orderId, version, delivery.Body, ack));
            if (random.Next(shape.RedeliverOneIn) == 0)
            {
                Redeliveries.Enqueue(new Redelivery(ack.Id, await client.DeliverAsync(delivery, feed.Path)));
            }

            open[slot] = version == shape.Versions ? (nextOrder++, 1) : (orderId, version + 1);
            await Task.Delay(shape.Pause, CancellationToken.None);
        }
    }
}

/// <param name="Lanes">Concurrent senders.</param>
/// <param name="OrdersPerLane">Orders each lane has open at once; their versions interleave.</param>
/// <param name="Versions">Versions per order before the lane opens a new one.</param>
/// <param name="RedeliverOneIn">One acknowledged version in this many is sent again.</param>
public sealed record TrafficShape(int Lanes, int OrdersPerLane, int Versions, int MaxEventsPerLane, TimeSpan Pause, int RedeliverOneIn);

/// <summary>A version that was acknowledged, with the exact bytes sent.</summary>
public sealed record SentVersion(long OrderId, int Version, byte[] Body, Ack Ack);

/// <summary>A second delivery of an acknowledged version, and how it was answered.</summary>
public sealed record Redelivery(Guid OriginalId, Ack Ack);

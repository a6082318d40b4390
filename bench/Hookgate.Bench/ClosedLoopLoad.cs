using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>The most a server can take: a fixed number of connections, each sending its next request as soon as the last is answered.</summary>
public static class ClosedLoopLoad
{
    public static async Task<OpenLoopLoad.Result> RunAsync(HttpClient client, int connections, TimeSpan duration, Func<int, HttpRequestMessage> request)
    {
        var histogram = new LongHistogram(TimeSpan.FromSeconds(60).Ticks, 3);
        var sequence = -1;
        var ok = 0;
        var failed = 0;
        var worst = new double[(int)Math.Ceiling(duration.TotalSeconds)];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                using var message = request(Interlocked.Increment(ref sequence));
                var sent = clock.Elapsed;
                try
                {
                    using var response = await client.SendAsync(message);
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref ok : ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }

                var latency = clock.Elapsed - sent;
                lock (histogram)
                {
                    histogram.RecordValue(latency.Ticks);
                    var second = Math.Min((int)sent.TotalSeconds, worst.Length - 1);
                    worst[second] = Math.Max(worst[second], latency.TotalMilliseconds);
                }
            }
        })));

        return new OpenLoopLoad.Result(histogram, sequence + 1, ok, failed, clock.Elapsed, worst);
    }
}

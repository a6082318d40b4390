namespace Hookgate.Bench;

/// <summary>The most a server can take: a fixed number of connections, each sending its next request as soon as the last is answered.</summary>
public static class ClosedLoopLoad
{
    public static async Task<OpenLoopLoad.Result> RunAsync(HttpClient client, int connections, TimeSpan duration, Func<int, HttpRequestMessage> request)
    {
        var latencies = new Latencies(duration);
        var sequence = -1;
        var ok = 0;
        var failed = 0;
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

                latencies.Record(sent, clock.Elapsed - sent);
            }
        })));

        return new OpenLoopLoad.Result(latencies.Histogram, sequence + 1, ok, failed, clock.Elapsed, latencies.WorstPerSecond);
    }
}

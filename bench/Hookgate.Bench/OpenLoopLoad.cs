using System.Diagnostics;
using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>
/// Sends requests on a fixed schedule whatever the answers take (open loop), and times each from when it was
/// due, not from when it was sent: a stalled server cannot hide its stall by slowing the load (coordinated omission).
/// </summary>
public static class OpenLoopLoad
{
    /// <param name="WorstPerSecond">The slowest ack of the requests due in each second of the run, in ms: when a stall happened.</param>
    public sealed record Result(LongHistogram AckLatency, int Sent, int Ok, int Failed, TimeSpan Elapsed, double[] WorstPerSecond)
    {
        public double AchievedPerSecond => Ok / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(HttpClient client, double ratePerSecond, TimeSpan duration, int maxInFlight, Func<int, HttpRequestMessage> request)
    {
        var latencies = new Latencies(duration);
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var inFlight = new SemaphoreSlim(maxInFlight);
        var ok = 0;
        var failed = 0;
        var started = Stopwatch.StartNew();

        async Task SendAsync(HttpRequestMessage message, TimeSpan due)
        {
            try
            {
                using var response = await client.SendAsync(message);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref ok : ref failed);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Refused, broken or timed out: nothing awaits this send, so it counts its own failure.
                Interlocked.Increment(ref failed);
            }
            finally
            {
                latencies.Record(due, started.Elapsed - due);
                inFlight.Release();
                message.Dispose();
            }
        }

        // The schedule keeps its own thread: on the thread pool it would queue behind the very completions it measures.
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds(i / ratePerSecond);
                Pacer.WaitUntil(started, due);
                inFlight.Wait();
                _ = SendAsync(request(i), due);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Every send gives its slot back when it is done, so holding them all means all are done. The sends are not
        // kept in a list to await instead: the load generator's GC would then carry every one of them to gen2, and
        // its pauses count in every ack timed meanwhile (at 7,600/s for 20 s: 17 gen1 and 5 gen2 collections, 207 ms
        // paused, against 2, 0 and 50 ms without the list).
        for (var slot = 0; slot < maxInFlight; slot++)
        {
            await inFlight.WaitAsync();
        }

        return new Result(latencies.Histogram, total, ok, failed, started.Elapsed, latencies.WorstPerSecond);
    }

    public static double Percentile(LongHistogram histogram, double percentile) =>
        histogram.GetValueAtPercentile(percentile) / (double)TimeSpan.TicksPerMillisecond;
}

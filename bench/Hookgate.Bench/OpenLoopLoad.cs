using HdrHistogram;

namespace Hookgate.Bench;

/// <summary>
/// Sends requests on a fixed schedule whatever the answers take (open loop), and times each from when it was
/// due, not from when it was sent: a stalled server cannot hide its stall by slowing the load (coordinated omission).
/// </summary>
public static class OpenLoopLoad
{
    public sealed record Result(LongHistogram AckLatency, int Sent, int Ok, int Failed, TimeSpan Elapsed)
    {
        public double AchievedPerSecond => Ok / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(HttpClient client, double ratePerSecond, TimeSpan duration, int maxInFlight, Func<int, HttpRequestMessage> request)
    {
        var histogram = new LongHistogram(TimeSpan.FromSeconds(60).Ticks, 3);
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var inFlight = new SemaphoreSlim(maxInFlight);
        var ok = 0;
        var failed = 0;
        var tasks = new List<Task>(total);
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / ratePerSecond);
            var wait = due - started.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            await inFlight.WaitAsync();
            var message = request(i);
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await client.SendAsync(message);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    var latency = started.Elapsed - due;
                    lock (histogram)
                    {
                        histogram.RecordValue(Math.Max(0, latency.Ticks));
                    }

                    inFlight.Release();
                    message.Dispose();
                }
            }));
        }

        await Task.WhenAll(tasks);
        return new Result(histogram, total, ok, failed, started.Elapsed);
    }

    public static double Percentile(LongHistogram histogram, double percentile) =>
        histogram.GetValueAtPercentile(percentile) / (double)TimeSpan.TicksPerMillisecond;
}

using System.Collections.Concurrent;

namespace Hookgate.Processing;

/// <summary>
/// Keeps a provider whose API stopped answering from holding every worker. When a source's translation times out,
/// the source rests: its events fail at once, without a call, and are retried with their own backoff. When the rest
/// is over one event is let through to try the API again; while such trials keep timing out the rest doubles, up to
/// the source's longest retry delay, and the first answer ends it. Before the first timeout nobody can know that the
/// provider hangs, so the workers already calling it each wait out one request timeout; after it, at most one does.
/// </summary>
public sealed class ProviderCircuits(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Circuit> circuits = new(StringComparer.Ordinal);

    public ProviderCall Enter(string source) =>
        circuits.TryGetValue(source, out var circuit) ? circuit.Enter(time.GetUtcNow()) : ProviderCall.Normal;

    /// <summary>The provider answered (whatever it said): it is not hanging.</summary>
    public void Answered(string source)
    {
        if (circuits.TryGetValue(source, out var circuit))
        {
            circuit.Answered();
        }
    }

    /// <summary>The call gave no verdict (the worker is shutting down): a trial makes way for another.</summary>
    public void Abandoned(string source, ProviderCall call)
    {
        if (call == ProviderCall.Trial && circuits.TryGetValue(source, out var circuit))
        {
            circuit.TrialAbandoned();
        }
    }

    /// <summary>The call timed out; returns the rest this starts, or null when the source was already resting.</summary>
    public TimeSpan? TimedOut(string source, ProviderCall call, TimeSpan firstRest, TimeSpan longestRest) =>
        circuits.GetOrAdd(source, static _ => new Circuit()).TimedOut(call, time.GetUtcNow(), firstRest, longestRest);

    private sealed class Circuit
    {
        private readonly Lock gate = new();
        private int timeouts;
        private DateTimeOffset restingUntil;
        private bool trialInFlight;

        public ProviderCall Enter(DateTimeOffset now)
        {
            lock (gate)
            {
                if (timeouts == 0)
                {
                    return ProviderCall.Normal;
                }

                if (trialInFlight || now < restingUntil)
                {
                    return ProviderCall.Refused;
                }

                trialInFlight = true;
                return ProviderCall.Trial;
            }
        }

        public void Answered()
        {
            lock (gate)
            {
                timeouts = 0;
                trialInFlight = false;
            }
        }

        public void TrialAbandoned()
        {
            lock (gate)
            {
                trialInFlight = false;
            }
        }

        public TimeSpan? TimedOut(ProviderCall call, DateTimeOffset now, TimeSpan firstRest, TimeSpan longestRest)
        {
            lock (gate)
            {
                if (call == ProviderCall.Trial)
                {
                    trialInFlight = false;
                }
                else if (timeouts > 0)
                {
                    // A call made before the source started resting, timing out after: nothing new is learnt.
                    return null;
                }

                timeouts++;
                var rest = TimeSpan.FromMilliseconds(Math.Min(longestRest.TotalMilliseconds, firstRest.TotalMilliseconds * Math.Pow(2, Math.Min(timeouts - 1, 30))));
                restingUntil = now + rest;
                return rest;
            }
        }
    }
}

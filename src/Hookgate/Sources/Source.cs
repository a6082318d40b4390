using System.Threading.RateLimiting;
using Hookgate.Processing;
using Hookgate.Providers;

namespace Hookgate.Sources;

/// <summary>A source ready to receive: its provider's receiver bound to its settings, and its rate limiter.</summary>
public sealed class Source(SourceDefinition definition, IWebhookReceiver receiver, IEventTranslator? translator, RateLimiter? rateLimiter) : IDisposable
{
    public string Name => definition.Name;

    public string Provider => definition.Options.Provider;

    public int MaxBodyBytes => definition.Options.MaxBodyBytes;

    public int MaxAttempts => definition.Options.MaxAttempts;

    public double? RetryBaseSeconds => definition.Options.RetryBaseSeconds;

    public double? RetryMaxSeconds => definition.Options.RetryMaxSeconds;

    public IWebhookReceiver Receiver { get; } = receiver;

    /// <summary>Null when this source's events are stored but have no meaning in the commerce domain.</summary>
    public IEventTranslator? Translator { get; } = translator;

    /// <summary>True when the request may proceed; otherwise how long the sender should wait.</summary>
    public bool TryAcquirePermit(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (rateLimiter is null)
        {
            return true;
        }

        RateLimitLease lease;
        try
        {
            lease = rateLimiter.AttemptAcquire();
        }
        catch (ObjectDisposedException)
        {
            // The configuration was reloaded while this request was in flight; the new limiter takes over next time.
            return true;
        }

        using (lease)
        {
            if (lease.IsAcquired)
            {
                return true;
            }

            retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            return false;
        }
    }

    public void Dispose() => rateLimiter?.Dispose();
}

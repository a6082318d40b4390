using System.Collections.Frozen;
using System.Threading.RateLimiting;
using Hookgate.Providers;

namespace Hookgate.Sources;

/// <summary>Turns a source's settings into a <see cref="Source"/>, or says which key is wrong.</summary>
public sealed class SourceFactory(IEnumerable<IWebhookProvider> providers)
{
    private readonly FrozenDictionary<string, IWebhookProvider> providers =
        providers.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public Source Create(SourceDefinition definition)
    {
        var options = definition.Options;
        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            throw new SourceConfigurationException($"{definition.KeyPath("Provider")} is required (one of: {KnownProviders}).");
        }

        if (!providers.TryGetValue(options.Provider, out var provider))
        {
            throw new SourceConfigurationException($"{definition.KeyPath("Provider")} is '{options.Provider}', which is not a known provider (one of: {KnownProviders}).");
        }

        if (options.MaxBodyBytes <= 0)
        {
            throw new SourceConfigurationException($"{definition.KeyPath("MaxBodyBytes")} must be a positive number of bytes.");
        }

        if (options.MaxAttempts <= 0)
        {
            throw new SourceConfigurationException($"{definition.KeyPath("MaxAttempts")} must be at least 1.");
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Secrets[i]))
            {
                // An empty HMAC key is one anyone can sign with.
                throw new SourceConfigurationException($"{definition.KeyPath($"Secrets:{i}")} is blank.");
            }
        }

        var receiver = provider.CreateReceiver(definition);
        return new Source(definition, receiver, provider.CreateTranslator(definition), CreateRateLimiter(definition));
    }

    private string KnownProviders => string.Join(", ", providers.Keys.Order());

    private static TokenBucketRateLimiter? CreateRateLimiter(SourceDefinition definition)
    {
        if (definition.Options.RateLimit is not { } limit)
        {
            return null;
        }

        if (limit.PermitsPerSecond <= 0 || limit.Burst is <= 0)
        {
            throw new SourceConfigurationException($"{definition.KeyPath("RateLimit")} needs PermitsPerSecond (and Burst, if set) above zero.");
        }

        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst ?? limit.PermitsPerSecond,
            TokensPerPeriod = limit.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

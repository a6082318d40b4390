using Hookgate.Processing;
using Hookgate.Sources;

namespace Hookgate.Providers;

/// <summary>
/// One kind of sender (Stripe, Salla, ...): how it signs its webhooks and where its events keep their identity.
/// Each provider lives in its own folder and is registered by one line in <see cref="ProviderRegistration"/>.
/// </summary>
public interface IWebhookProvider
{
    /// <summary>The name used in configuration: <c>Hookgate:Sources:&lt;source&gt;:Provider</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Reads and checks the source's settings once, so that each request only does the cryptography.
    /// Throws <see cref="SourceConfigurationException"/> naming the key when the settings cannot work.
    /// </summary>
    IWebhookReceiver CreateReceiver(SourceDefinition source);

    /// <summary>
    /// The provider's anti-corruption layer for one source, or null when its events mean nothing in the commerce
    /// domain (they are stored and marked <c>ignored</c>). Like the receiver, it reads the source's settings once.
    /// </summary>
    IEventTranslator? CreateTranslator(SourceDefinition source) => null;
}

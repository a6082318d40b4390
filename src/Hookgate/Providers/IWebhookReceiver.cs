using Hookgate.Verification;

namespace Hookgate.Providers;

/// <summary>A provider bound to one source's settings: verifies requests and reads their identity.</summary>
public interface IWebhookReceiver
{
    /// <summary>Checks the request's authenticity on the raw bytes, in constant time, trying every secret.</summary>
    VerificationResult Verify(in WebhookRequest request);

    /// <summary>Reads the event type, the provider's event id and the ordering key. Never throws on a bad body.</summary>
    EventIdentity Identify(in WebhookRequest request);

    /// <summary>Headers that carry a credential rather than a signature; they are not stored.</summary>
    IReadOnlyList<string> CredentialHeaders => [];
}

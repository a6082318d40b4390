using Hookgate.Sources;

namespace Hookgate.Providers.GitHub;

public sealed class GitHubProvider : IWebhookProvider
{
    public string Name => "github";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        var keys = source.Utf8Secrets("webhook secret");
        return new GitHubReceiver(new GitHubSignature(keys));
    }
}

using System.Text;
using Hookgate.Sources;

namespace Hookgate.Providers.GitHub;

public sealed class GitHubProvider : IWebhookProvider
{
    public string Name => "github";

    public IWebhookReceiver CreateReceiver(SourceDefinition source)
    {
        if (source.Options.Secrets.Count == 0)
        {
            throw new SourceConfigurationException($"{source.KeyPath("Secrets")} must list at least one webhook secret.");
        }

        var keys = source.Options.Secrets.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        return new GitHubReceiver(new GitHubSignature(keys));
    }
}

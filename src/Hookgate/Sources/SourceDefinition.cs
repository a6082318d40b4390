using Microsoft.Extensions.Configuration;

namespace Hookgate.Sources;

/// <summary>
/// One configured source (<c>Hookgate:Sources:&lt;name&gt;</c>): the settings every provider shares, plus the raw
/// section so that a provider can bind its own settings without the rest of the gateway knowing them.
/// </summary>
public sealed record SourceDefinition(string Name, SourceOptions Options, IConfigurationSection Section)
{
    public static SourceDefinition FromSection(IConfigurationSection section) =>
        new(section.Key, section.Get<SourceOptions>() ?? new SourceOptions(), section);

    /// <summary>The configuration path of a key of this source, for error messages that name the key to fix.</summary>
    public string KeyPath(string key) => $"Hookgate:Sources:{Name}:{key}";

    /// <summary>
    /// The secrets as the UTF-8 bytes most providers key their HMAC with; a source without any cannot verify
    /// anything, so it does not start. <paramref name="what"/> names the secret as the provider's docs do.
    /// </summary>
    public byte[][] Utf8Secrets(string what)
    {
        if (Options.Secrets.Count == 0)
        {
            throw new SourceConfigurationException($"{KeyPath("Secrets")} must list at least one {what}.");
        }

        var keys = new byte[Options.Secrets.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = System.Text.Encoding.UTF8.GetBytes(Options.Secrets[i]);
        }

        return keys;
    }

    /// <summary>Binds the provider's own settings from this source's section.</summary>
    public T Bind<T>() where T : new() => Section.Get<T>() ?? new T();
}

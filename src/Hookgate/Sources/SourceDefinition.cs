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

    /// <summary>Binds the provider's own settings from this source's section.</summary>
    public T Bind<T>() where T : new() => Section.Get<T>() ?? new T();
}

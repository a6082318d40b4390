using Hookgate.Inbox;
using Hookgate.Sources;
using Hookgate.Storage;

namespace Hookgate;

/// <summary>The <c>Hookgate</c> configuration section.</summary>
public sealed class HookgateOptions
{
    public const string SectionName = "Hookgate";

    /// <summary>Bearer key for /api and the dashboard.</summary>
    public string AdminApiKey { get; set; } = "";

    public DatabaseOptions Database { get; set; } = new();

    public InboxOptions Inbox { get; set; } = new();

    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Hookgate.Sources;

/// <summary>
/// The sources that can receive now, rebuilt when configuration changes. A change that does not validate is
/// logged and ignored, so a typo in a reloaded file never takes a working gateway down.
/// </summary>
public sealed partial class SourceCatalog : IDisposable
{
    public const string SectionPath = "Hookgate:Sources";

    private readonly IConfiguration configuration;
    private readonly SourceFactory factory;
    private readonly ILogger<SourceCatalog> logger;
    private readonly IDisposable reloadRegistration;
    private volatile FrozenDictionary<string, Source> sources;

    public SourceCatalog(IConfiguration configuration, SourceFactory factory, ILogger<SourceCatalog> logger)
    {
        this.configuration = configuration;
        this.factory = factory;
        this.logger = logger;
        try
        {
            sources = Build(configuration, factory);
        }
        catch (SourceConfigurationException exception)
        {
            // Whichever comes first, this or the options validation at start-up, the operator reads the same list.
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                HookgateOptions.SectionName, typeof(HookgateOptions), exception.Message.Split(Environment.NewLine));
        }

        reloadRegistration = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Source? source) =>
        sources.TryGetValue(name, out source);

    /// <summary>Builds every configured source; throws with one line per key that is wrong.</summary>
    public static FrozenDictionary<string, Source> Build(IConfiguration configuration, SourceFactory factory)
    {
        var built = new Dictionary<string, Source>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var section in configuration.GetSection(SectionPath).GetChildren())
        {
            try
            {
                built[section.Key] = factory.Create(SourceDefinition.FromSection(section));
            }
            catch (SourceConfigurationException exception)
            {
                errors.Add(exception.Message);
            }
            catch (InvalidOperationException exception)
            {
                // The binder's own complaint (a word where a number belongs) names the key too.
                errors.Add($"{SectionPath}:{section.Key}: {exception.Message}");
            }
        }

        if (errors.Count > 0)
        {
            foreach (var source in built.Values)
            {
                source.Dispose();
            }

            throw new SourceConfigurationException(string.Join(Environment.NewLine, errors));
        }

        return built.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private void Reload()
    {
        try
        {
            var previous = sources;
            sources = Build(configuration, factory);
            foreach (var source in previous.Values)
            {
                source.Dispose();
            }

            LogReloaded(logger, sources.Count);
        }
        catch (SourceConfigurationException exception)
        {
            LogReloadRejected(logger, exception.Message);
        }
    }

    public void Dispose()
    {
        reloadRegistration.Dispose();
        foreach (var source in sources.Values)
        {
            source.Dispose();
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Sources reloaded: {Count} configured.")]
    private static partial void LogReloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Changed source configuration ignored, the previous one stays in force: {Errors}")]
    private static partial void LogReloadRejected(ILogger logger, string errors);
}

using Microsoft.Extensions.Options;

namespace Hookgate.Sources;

/// <summary>Refuses to start with a source that cannot work, naming every key that is wrong.</summary>
public sealed class SourcesValidation(IConfiguration configuration, SourceFactory factory) : IValidateOptions<HookgateOptions>
{
    public ValidateOptionsResult Validate(string? name, HookgateOptions options)
    {
        try
        {
            foreach (var source in SourceCatalog.Build(configuration, factory).Values)
            {
                source.Dispose();
            }

            return ValidateOptionsResult.Success;
        }
        catch (SourceConfigurationException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message.Split(Environment.NewLine));
        }
    }
}

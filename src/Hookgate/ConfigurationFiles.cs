using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Hookgate;

/// <summary>
/// The configuration files are reloaded when they change (sources and secrets rotate without a restart), but checked
/// for changes by polling rather than by the host's default watcher. That one watches the whole content root with
/// inotify, subdirectories included, and the SQLite database lives in one of them by default (./data): every write to
/// its log woke the watcher's thread, which read and discarded the event. At the SQLite maximum that was over a tenth
/// of the gateway's CPU. Polling reads each file's timestamp every four seconds.
/// </summary>
public static class ConfigurationFiles
{
    /// <summary>The host's own reloading is turned off with this, so that it never starts its watcher.</summary>
    public const string HostReloadOff = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>Makes the host's configuration files, loaded with <see cref="HostReloadOff"/>, reload by polling.</summary>
    public static void ReloadByPolling(this IConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: false, FileProvider: PhysicalFileProvider { UsePollingFileWatcher: false } host } json)
            {
                json.FileProvider = new PhysicalFileProvider(host.Root) { UsePollingFileWatcher = true, UseActivePolling = true };
                json.ReloadOnChange = true;

                // Setting the entry again makes the manager load it afresh, watched through the new provider.
                sources[i] = json;
            }
        }
    }
}

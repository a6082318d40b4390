using Hookgate.Alerts;
using Hookgate.Commerce;
using Hookgate.Storage;

namespace Hookgate.Processing;

public static class ProcessingRegistration
{
    /// <summary>The queue and replay are always there (the API needs them); workers run only in the all and worker roles.</summary>
    public static IServiceCollection AddHookgateProcessing(this IServiceCollection services, IConfiguration configuration, HookgateRole role)
    {
        services.AddOptions<ProcessingOptions>().Bind(configuration.GetSection($"{HookgateOptions.SectionName}:Processing"));
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection($"{HookgateOptions.SectionName}:Alerts"));
        services.AddSingleton<InboxQueue>();
        services.AddSingleton<CommerceStore>();
        services.AddSingleton<ReplayService>();
        services.AddSingleton<DeadLetterAlerts>();
        services.AddHostedService(provider => provider.GetRequiredService<DeadLetterAlerts>());
        services.AddSingleton<ProviderCircuits>();
        services.AddSingleton<EventProcessor>();

        if (role is HookgateRole.All or HookgateRole.Worker)
        {
            services.AddHostedService<ProcessingWorker>();
            var database = configuration.GetSection($"{HookgateOptions.SectionName}:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
            if (database.Provider == DatabaseProvider.Postgres)
            {
                services.AddHostedService<PostgresInboxNotifications>();
            }
        }

        return services;
    }
}

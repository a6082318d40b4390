using Hookgate.Api;
using Hookgate.Inbox;
using Hookgate.Ingest;
using Hookgate.Processing;
using Hookgate.Providers;
using Hookgate.Sources;
using Hookgate.Storage;
using Hookgate.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hookgate;

/// <summary>Builds the gateway: one process that receives, stores and (with later roles) processes webhooks.</summary>
public static class HookgateApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = CreateBuilder(args);
        builder.AddHookgate();
        var app = builder.Build();
        app.MapHookgate();
        return app;
    }

    /// <summary>The host, its configuration files reloaded by polling (see <see cref="ConfigurationFiles"/>).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder([.. args, ConfigurationFiles.HostReloadOff]);
        builder.Configuration.ReloadByPolling();
        return builder;
    }

    public static void AddHookgate(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var connectionLimits = ConnectionLimits.From(configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Each source enforces its own, smaller limit while reading; this only stops absurd bodies early.
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            connectionLimits.ApplyTo(kestrel.Limits);
        });

        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddHookgateTelemetry();

        services.AddOptions<HookgateOptions>().Bind(configuration.GetSection(HookgateOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HookgateOptions>, SourcesValidation>();
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection($"{HookgateOptions.SectionName}:Inbox"));

        // Registered first: hosted services start in order, so the schema exists before the writer and the server.
        services.AddHookgateStorage(configuration);
        services.AddHostedService<MigrationService>();
        services.AddHostedService<SqliteCheckpointer>();

        services.AddHttpClient();
        services.AddWebhookProviders();
        services.AddSingleton<SourceFactory>();
        services.AddSingleton<SourceCatalog>();

        services.AddSingleton<InboxStore>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxReader>();
        services.AddSingleton<StorageFailureLog>();
        services.AddSingleton<InboxWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxWriter>());
        services.AddSingleton<WebhookIngestor>();
        services.AddHookgateProcessing(configuration, Role(configuration));
    }

    public static HookgateRole Role(IConfiguration configuration) =>
        configuration.GetValue($"{HookgateOptions.SectionName}:Role", HookgateRole.All);

    public static void MapHookgate(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<AdminKeyMiddleware>();

        if (Role(app.Configuration) is HookgateRole.All or HookgateRole.Ingest)
        {
            app.MapWebhooks();
        }

        app.MapHookgateApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapHookgateMetrics();
    }
}

using OpenTelemetry.Metrics;

namespace Hookgate.Telemetry;

public static class TelemetryRegistration
{
    public static IServiceCollection AddHookgateTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<HookgateMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HookgateMetrics.MeterName)

            // .NET's own: GC collections and pauses, thread-pool threads and queue, lock contention, JIT time.
            .AddMeter("System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapHookgateMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}

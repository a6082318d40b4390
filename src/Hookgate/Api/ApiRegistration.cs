namespace Hookgate.Api;

public static class ApiRegistration
{
    /// <summary>The management API: one route group, every route behind the admin key (<see cref="AdminKeyMiddleware"/>).</summary>
    public static IEndpointRouteBuilder MapHookgateApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithMetadata(RequiresAdminKey.Instance);
        api.MapEventsApi();
        api.MapDeadLettersApi();
        return app;
    }
}

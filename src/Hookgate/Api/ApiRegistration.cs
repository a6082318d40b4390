namespace Hookgate.Api;

public static class ApiRegistration
{
    /// <summary>The management API: one route group, every route behind the admin key.</summary>
    public static IEndpointRouteBuilder MapHookgateApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<AdminKeyFilter>();
        api.MapEventsApi();
        api.MapDeadLettersApi();
        return app;
    }
}

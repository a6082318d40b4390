using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hookgate.Api;

/// <summary>
/// Guards every route marked <see cref="RequiresAdminKey"/> (the whole /api group): <c>Authorization: Bearer
/// &lt;Hookgate:AdminApiKey&gt;</c>, compared in constant time. It runs as soon as the route is matched, before
/// anything the caller sent is bound: an endpoint filter would run after binding, so a body that does not bind would
/// be answered 400 to a caller without the key. With no key configured the API stays closed rather than open.
/// </summary>
public sealed class AdminKeyMiddleware(RequestDelegate next, IOptionsMonitor<HookgateOptions> options)
{
    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RequiresAdminKey>() is null || HasAdminKey(context.Request)
            ? next(context)
            : RefuseAsync(context);

    private bool HasAdminKey(HttpRequest request)
    {
        var expected = options.CurrentValue.AdminApiKey;
        var header = request.Headers.Authorization.ToString();
        return !string.IsNullOrEmpty(expected) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header.AsSpan(7).Trim().ToString()), Encoding.UTF8.GetBytes(expected));
    }

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "Send the admin API key as 'Authorization: Bearer <key>'.").ExecuteAsync(context);
    }
}

/// <summary>Endpoint metadata: the route answers only callers holding the admin key (see <see cref="AdminKeyMiddleware"/>).</summary>
public sealed class RequiresAdminKey
{
    public static readonly RequiresAdminKey Instance = new();

    private RequiresAdminKey()
    {
    }
}

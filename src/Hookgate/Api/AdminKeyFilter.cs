using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hookgate.Api;

/// <summary>
/// Guards every /api route: <c>Authorization: Bearer &lt;Hookgate:AdminApiKey&gt;</c>, compared in constant time.
/// With no key configured the API stays closed rather than open.
/// </summary>
public sealed class AdminKeyFilter(IOptionsMonitor<HookgateOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.AdminApiKey;
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(expected) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header.AsSpan(7).Trim().ToString()), Encoding.UTF8.GetBytes(expected)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send the admin API key as 'Authorization: Bearer <key>'.");
        }

        return await next(context);
    }
}

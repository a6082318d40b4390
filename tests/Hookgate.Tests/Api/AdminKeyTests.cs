using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Hookgate.Tests.Api;

/// <summary>
/// Every management route refuses a request without the admin key, whatever else the request holds. The routes are
/// read from the running gateway's endpoints, not listed here, so a route added later is covered without a word.
/// </summary>
public sealed class AdminKeyTests : IAsyncLifetime
{
    private const string AdminKey = "s3cret-admin-key-0123456789";

    private TestDatabase database = null!;
    private Gateway gateway = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        gateway = await Gateway.StartAsync(database, [$"--Hookgate:AdminApiKey={AdminKey}", .. TestProvider.GitHub.Arguments]);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>Authorization values that must not open the API: absent, wrong, nearly right, or the right key said wrongly.</summary>
    public static TheoryData<string, string?> WrongCredentials => new()
    {
        { "no Authorization header", null },
        { "a wrong key", "Bearer wrong" },
        { "a wrong key of the same length", "Bearer " + AdminKey[..^1] + "X" },
        { "the key with a byte more", "Bearer " + AdminKey + "0" },
        { "the key's first half", "Bearer " + AdminKey[..(AdminKey.Length / 2)] },
        { "an empty bearer", "Bearer " },
        { "the key without its scheme", AdminKey },
        { "the key as basic credentials", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminKey)) },
        { "the key as a token of another scheme", "Token " + AdminKey },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task Every_API_route_refuses_the_request_with_a_401_problem(string description, string? authorization)
    {
        var routes = ApiRoutes();

        foreach (var (method, path) in routes)
        {
            // A body that binds to nothing: the key is checked before anything the request carries is read.
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"source\":", Encoding.UTF8, "application/json") };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var response = await gateway.Client.SendAsync(request);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {description}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.DoesNotContain(AdminKey, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_API_route_lets_the_right_key_through()
    {
        foreach (var (method, path) in ApiRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"source\":\"github\"}", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

            var response = await gateway.Client.SendAsync(request);

            Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, $"{method} {path} refused the right key.");
        }
    }

    [Fact]
    public async Task Without_a_configured_key_every_API_route_stays_closed()
    {
        await using var closed = await Gateway.StartAsync(database, [.. TestProvider.GitHub.Arguments]);

        foreach (var (method, path) in ApiRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

            var response = await closed.Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} with no key configured.");
        }
    }

    /// <summary>Every /api endpoint of the running gateway, with its route values filled in.</summary>
    private List<(string Method, string Path)> ApiRoutes()
    {
        var routes = new List<(string Method, string Path)>();
        foreach (var endpoint in gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (!(pattern.RawText ?? "").TrimStart('/').StartsWith("api", StringComparison.Ordinal))
            {
                continue;
            }

            var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(Fill))));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add((method, path));
            }
        }

        // The routes the API is known to have today: if enumeration found none of them, it found nothing at all.
        Assert.Contains(routes, r => r.Method == "GET" && r.Path.StartsWith("/api/events/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Method == "GET" && r.Path == "/api/dead-letters");
        return routes;
    }

    private static string Fill(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
        RoutePatternParameterPart => "x",
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };
}

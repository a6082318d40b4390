using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hookgate.Tests.Providers;

/// <summary>
/// A provider's API played by a real Kestrel server on a loopback port, so translators are tested over real HTTP:
/// real status codes, real timeouts, real headers. Every request it receives is recorded.
/// </summary>
public sealed class LoopbackApi : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackApi(WebApplication app, Uri baseUrl, ConcurrentQueue<ReceivedRequest> requests)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Requests = requests;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; }

    public static async Task<LoopbackApi> StartAsync(Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new ConcurrentQueue<ReceivedRequest>();
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers["X-Auth-Token"].ToString(),
                context.Request.ContentType,
                body));
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            await next(context);
        });
        mapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackApi(app, new Uri(address), requests);
    }

    /// <summary>An endpoint that never answers, until the caller gives up (or the server stops).</summary>
    public static async Task Hang(HttpContext context)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller timed out, which is what the test wanted.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, string AuthToken, string? ContentType, string Body);

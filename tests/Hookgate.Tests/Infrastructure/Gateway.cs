using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hookgate.Tests.Infrastructure;

/// <summary>The real gateway on Kestrel, bound to a free loopback port, configured through its command line.</summary>
public sealed class Gateway : IAsyncDisposable
{
    private readonly WebApplication app;

    private Gateway(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Starts the gateway; <paramref name="logs"/>, when given, receives every log beside the gateway's own loggers.</summary>
    public static async Task<Gateway> StartAsync(TestDatabase database, IEnumerable<string> arguments, ILoggerProvider? logs = null)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Hookgate=Warning",
            .. database.GatewayArguments,
            .. arguments,
        ];
        // HookgateApp.Build, with room for the test's logger provider before the host is built.
        var builder = HookgateApp.CreateBuilder(args);
        builder.AddHookgate();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var app = builder.Build();
        app.MapHookgate();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Gateway(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

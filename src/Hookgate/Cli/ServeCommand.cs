using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Hookgate.Cli;

/// <summary><c>hookgate serve</c>: the gateway in the foreground until Ctrl+C or SIGTERM.</summary>
public static partial class ServeCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role")
        {
            Description = "What this instance does: all (receive and process), ingest (receive only), worker (process only).",
        };
        role.AcceptOnlyFromAmong("all", "ingest", "worker");

        var command = new Command("serve", "Run the gateway. Any other option is configuration, e.g. --urls http://0.0.0.0:8080 or --Hookgate:AdminApiKey=...")
        {
            role,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            // --role wins when given; otherwise Hookgate:Role from configuration (or its default, all) applies.
            string[] args = parse.GetResult(role) is { Implicit: false }
                ? [.. parse.UnmatchedTokens, $"--Hookgate:Role={parse.GetValue(role)}"]
                : [.. parse.UnmatchedTokens];
            await using var app = HookgateApp.Build(args);
            if (ConfigurationErrors(app) is { } errors)
            {
                await Console.Error.WriteLineAsync($"Hookgate cannot start. Fix the configuration:{Environment.NewLine}{errors}");
                return 2;
            }

            await app.StartAsync(cancellationToken);
            PrintWelcome(app);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Validates the options now, so a wrong key reads as one line each rather than a host failure with a stack.</summary>
    private static string? ConfigurationErrors(WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<HookgateOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException exception)
        {
            return string.Join(Environment.NewLine, exception.Failures.Select(failure => "  " + failure));
        }
    }

    private static void PrintWelcome(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8080";
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hookgate");
        LogListening(logger, address, address);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = """
        Hookgate is listening on {Address}. Send a signed test webhook to the demo GitHub source:
          body='{{"zen":"Keep it logically awesome."}}'
          sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac demo-github-secret | sed 's/^.* //')
          curl -s -X POST {Url}/webhooks/github -H "X-GitHub-Event: ping" -H "X-GitHub-Delivery: $(cat /proc/sys/kernel/random/uuid)" -H "X-Hub-Signature-256: sha256=$sig" -H 'Content-Type: application/json' --data "$body"
        """)]
    private static partial void LogListening(ILogger logger, string address, string url);
}

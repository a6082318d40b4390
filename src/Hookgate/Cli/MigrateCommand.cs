using System.CommandLine;
using Hookgate.Storage;

namespace Hookgate.Cli;

/// <summary><c>hookgate migrate</c>: applies the schema and exits, for deployments that migrate as a separate step.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply database migrations and exit. Any other option is configuration, e.g. --ConnectionStrings:Hookgate=...");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder([.. parse.UnmatchedTokens]);
            builder.Services.AddHookgateStorage(builder.Configuration);
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}

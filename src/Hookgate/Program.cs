using System.CommandLine;
using Hookgate.Cli;

var root = new RootCommand("Hookgate: a self-hosted webhook gateway that verifies, stores and processes provider events.")
{
    ServeCommand.Create(),
    MigrateCommand.Create(),
};

// The host handles Ctrl+C and SIGTERM itself, draining in-flight acks; System.CommandLine must not cut that short.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

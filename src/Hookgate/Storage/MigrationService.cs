namespace Hookgate.Storage;

/// <summary>Brings the schema up to date before anything else starts (it is registered first).</summary>
public sealed class MigrationService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

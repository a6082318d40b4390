namespace Hookgate.Storage;

public static class StorageRegistration
{
    public const string ConnectionStringName = "Hookgate";
    public const string DefaultSqliteConnectionString = "Data Source=./data/hookgate.db";

    public static IServiceCollection AddHookgateStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider =>
        {
            var options = configuration.GetSection($"{HookgateOptions.SectionName}:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
            var connectionString = configuration.GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = options.Provider == DatabaseProvider.Sqlite
                    ? DefaultSqliteConnectionString
                    : throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is required when Hookgate:Database:Provider is {options.Provider}.");
            }

            return HookgateDatabase.Create(options.Provider, connectionString);
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}

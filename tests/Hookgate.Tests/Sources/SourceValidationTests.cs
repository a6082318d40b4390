using Hookgate.Storage;
using Hookgate.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Hookgate.Tests.Sources;

/// <summary>A gateway that cannot verify a source must not start, and must say which key to fix.</summary>
public sealed class SourceValidationTests
{
    [Theory]
    [InlineData("--Hookgate:Sources:shop:Provider=stripe", "Hookgate:Sources:shop:Secrets")]
    [InlineData("--Hookgate:Sources:shop:Provider=paypal", "Hookgate:Sources:shop:Provider")]
    [InlineData("--Hookgate:Sources:shop:Secrets:0=s", "Hookgate:Sources:shop:Provider")]
    public async Task Refuses_to_start_and_names_the_wrong_key(string setting, string key)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => Gateway.StartAsync(database, [setting]));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_every_wrong_source_at_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => Gateway.StartAsync(database,
            ["--Hookgate:Sources:one:Provider=stripe", "--Hookgate:Sources:two:Provider=github", "--Hookgate:Sources:three:Provider=stripe", "--Hookgate:Sources:three:MaxBodyBytes=0", "--Hookgate:Sources:three:Secrets:0=whsec_x"]));

        Assert.Contains("Hookgate:Sources:one:Secrets", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Hookgate:Sources:two:Secrets", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Hookgate:Sources:three:MaxBodyBytes", failure.Message, StringComparison.Ordinal);
    }
}

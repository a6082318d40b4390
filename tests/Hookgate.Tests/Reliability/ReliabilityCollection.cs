namespace Hookgate.Tests.Reliability;

/// <summary>
/// The fault tests run one at a time, after the rest of the suite (xUnit runs collections that disable
/// parallelization last): they kill processes, stop the shared PostgreSQL server and measure time and CPU, none of
/// which may overlap another test. Run them alone with <c>scripts/test.sh --filter Category=reliability</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}

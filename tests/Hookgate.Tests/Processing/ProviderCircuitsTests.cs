using Hookgate.Processing;
using Hookgate.Tests.Infrastructure;

namespace Hookgate.Tests.Processing;

public sealed class ProviderCircuitsTests
{
    private static readonly TimeSpan FirstRest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRest = TimeSpan.FromSeconds(3);

    private readonly ManualTime time = new();
    private readonly ProviderCircuits circuits;

    public ProviderCircuitsTests() => circuits = new ProviderCircuits(time);

    [Fact]
    public void Calls_a_provider_that_never_timed_out()
    {
        Assert.Equal(ProviderCall.Normal, circuits.Enter("bigcommerce"));
    }

    [Fact]
    public void Rests_a_source_after_a_timeout_then_lets_one_trial_through()
    {
        Assert.Equal(FirstRest, circuits.TimedOut("bigcommerce", ProviderCall.Normal, FirstRest, LongestRest));

        Assert.Equal(ProviderCall.Refused, circuits.Enter("bigcommerce"));
        Assert.Equal(ProviderCall.Normal, circuits.Enter("salla"));
        time.Advance(FirstRest);
        Assert.Equal(ProviderCall.Trial, circuits.Enter("bigcommerce"));
        Assert.Equal(ProviderCall.Refused, circuits.Enter("bigcommerce"));
    }

    [Fact]
    public void Doubles_the_rest_while_trials_time_out_up_to_the_longest()
    {
        circuits.TimedOut("bigcommerce", ProviderCall.Normal, FirstRest, LongestRest);
        var rests = new List<TimeSpan?>();
        for (var i = 0; i < 3; i++)
        {
            time.Advance(LongestRest);
            var trial = circuits.Enter("bigcommerce");
            Assert.Equal(ProviderCall.Trial, trial);
            rests.Add(circuits.TimedOut("bigcommerce", trial, FirstRest, LongestRest));
        }

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], rests);
    }

    [Fact]
    public void Ignores_the_timeouts_of_calls_made_before_the_source_started_resting()
    {
        circuits.TimedOut("bigcommerce", ProviderCall.Normal, FirstRest, LongestRest);

        Assert.Null(circuits.TimedOut("bigcommerce", ProviderCall.Normal, FirstRest, LongestRest));
        time.Advance(FirstRest);
        Assert.Equal(ProviderCall.Trial, circuits.Enter("bigcommerce"));
    }

    [Fact]
    public void Ends_the_rest_at_the_first_answer()
    {
        circuits.TimedOut("bigcommerce", ProviderCall.Normal, FirstRest, LongestRest);
        time.Advance(FirstRest);
        Assert.Equal(ProviderCall.Trial, circuits.Enter("bigcommerce"));

        circuits.Answered("bigcommerce");

        Assert.Equal(ProviderCall.Normal, circuits.Enter("bigcommerce"));
        Assert.Equal(ProviderCall.Normal, circuits.Enter("bigcommerce"));
    }

    [Fact]
    public void Lets_another_trial_through_when_one_is_abandoned()
    {
        circuits.TimedOut("bigcommerce", ProviderCall.Normal, FirstRest, LongestRest);
        time.Advance(FirstRest);
        var trial = circuits.Enter("bigcommerce");

        circuits.Abandoned("bigcommerce", trial);

        Assert.Equal(ProviderCall.Trial, circuits.Enter("bigcommerce"));
    }
}

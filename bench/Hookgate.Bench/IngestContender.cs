namespace Hookgate.Bench;

/// <summary>
/// One mode's gateway in the maxima, on its own database, warmed up and kept running between its rounds of load so
/// that every round finds it as warm as the last.
/// </summary>
public sealed class IngestContender : IAsyncDisposable
{
    private IngestContender(Scenario scenario, IngestBenchmark.Mode mode, GatewayProcess gateway, HttpClient client, SallaOrders orders)
    {
        Scenario = scenario;
        Mode = mode;
        Gateway = gateway;
        Client = client;
        Orders = orders;
    }

    public Scenario Scenario { get; }

    public IngestBenchmark.Mode Mode { get; }

    public GatewayProcess Gateway { get; }

    public HttpClient Client { get; }

    /// <summary>The measured deliveries (the warm-up's go to a source of their own).</summary>
    public SallaOrders Orders { get; }

    public static async Task<IngestContender> StartAsync(Scenario scenario, IngestBenchmark.Mode mode, int connections, string runId)
    {
        Console.Error.WriteLine($"[{scenario.Name}] {mode.Name}: starting and warming up");
        var orders = new SallaOrders("steady", "bench-salla-secret", mode.Path);
        var warm = new SallaOrders("warm", "bench-salla-secret", mode.Path.Replace("steady", "warm", StringComparison.Ordinal));
        var gateway = await GatewayProcess.StartAsync([
            .. scenario.DatabaseArguments, .. orders.SourceArguments, .. warm.SourceArguments, "--role", "ingest", .. mode.Arguments]);
        var client = gateway.CreateClient(connections);
        await Warmup.RunAsync(client, (length, round) => ClosedLoopLoad.RunAsync(client, connections, length, i => warm.Create(i, $"{runId}{mode.Key}{round}")));
        return new IngestContender(scenario, mode, gateway, client, orders);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
    }
}

using BenchmarkDotNet.Running;

namespace Hookgate.Benchmarks;

/// <summary>dotnet run -c Release --project bench/Hookgate.Benchmarks -- --filter '*' --job short</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hookgate.Ingest;

/// <summary>
/// How slow a client may be (<c>Hookgate:Limits</c>). A client that trickles its headers or its body holds a
/// connection and a request for as long as it likes unless the server cuts it off (slowloris). Providers send small
/// requests from well-connected servers, so these bounds are generous for them and short for an attacker.
/// </summary>
public sealed record ConnectionLimits
{
    public const string SectionName = "Hookgate:Limits";

    /// <summary>The request line and every header must have arrived within this time (Kestrel's own default is 30 s).</summary>
    public double RequestHeadersTimeoutSeconds { get; init; } = 10;

    /// <summary>Once the grace period is over, a body arriving slower than this is cut off.</summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>How long a body may start slowly (a TCP window opening) before the minimum rate applies.</summary>
    public double RequestBodyGracePeriodSeconds { get; init; } = 5;

    public static ConnectionLimits From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ConnectionLimits>() ?? new ConnectionLimits();

    public void ApplyTo(KestrelServerLimits limits)
    {
        // Kestrel checks the rate once a second, so it refuses a grace period of a second or less.
        if (RequestHeadersTimeoutSeconds <= 0 || MinRequestBodyBytesPerSecond <= 0 || RequestBodyGracePeriodSeconds <= 1)
        {
            throw new InvalidOperationException(
                $"{SectionName}: RequestHeadersTimeoutSeconds and MinRequestBodyBytesPerSecond must be positive, RequestBodyGracePeriodSeconds more than 1.");
        }

        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(RequestHeadersTimeoutSeconds);
        limits.MinRequestBodyDataRate = new MinDataRate(MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(RequestBodyGracePeriodSeconds));
    }
}

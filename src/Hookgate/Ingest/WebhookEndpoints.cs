using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookgate.Ingest;

public static class WebhookEndpoints
{
    public const string ProviderIdHeader = "X-Provider-ID";

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").DisableAntiforgery();

        group.MapPost("/{source}", async (string source, HttpContext context, WebhookIngestor ingestor) =>
                ToResult(await ingestor.ReceiveAsync(source, context), context))
            .WithName("ReceiveWebhook")
            .WithSummary("Receive a webhook from a configured source.");

        group.MapPost("/", async (HttpContext context, WebhookIngestor ingestor) =>
            {
                var source = context.Request.Headers[ProviderIdHeader].ToString();
                return string.IsNullOrWhiteSpace(source)
                    ? Problem(StatusCodes.Status400BadRequest, "Source missing", $"Name the source in the path (/webhooks/{{source}}) or in the {ProviderIdHeader} header.")
                    : ToResult(await ingestor.ReceiveAsync(source, context), context);
            })
            .WithName("ReceiveWebhookByHeader")
            .WithSummary($"Receive a webhook for the source named in the {ProviderIdHeader} header.");

        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>("Hookgate:Benchmark:Ceiling"))
        {
            // Only for scripts/bench.sh: the same verification and answer, without storage, to measure the ceiling.
            app.MapPost("/bench/verify/{source}", async (string source, HttpContext context, WebhookIngestor ingestor) =>
                ToResult(await ingestor.ReceiveAsync(source, context, store: false), context)).ExcludeFromDescription();
        }

        return app;
    }

    private static Results<Ok<Receipt>, ProblemHttpResult> ToResult(IngestOutcome outcome, HttpContext context)
    {
        if (outcome.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return outcome.Status switch
        {
            IngestStatus.Received => TypedResults.Ok(new Receipt("received", outcome.EventId!.Value)),
            IngestStatus.Duplicate => TypedResults.Ok(new Receipt("duplicate", outcome.EventId!.Value)),
            IngestStatus.UnknownSource => Problem(StatusCodes.Status404NotFound, "Unknown source", outcome.Detail),
            IngestStatus.RateLimited => Problem(StatusCodes.Status429TooManyRequests, "Rate limit exceeded", outcome.Detail),
            IngestStatus.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", outcome.Detail),
            IngestStatus.TooSlow => Problem(StatusCodes.Status408RequestTimeout, "Body too slow", outcome.Detail),
            IngestStatus.Unauthorized => Problem(StatusCodes.Status401Unauthorized, "Invalid signature", outcome.Detail),
            IngestStatus.BadRequest => Problem(StatusCodes.Status400BadRequest, "Unreadable request", outcome.Detail),
            IngestStatus.StorageUnavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", outcome.Detail),
            _ => throw new InvalidOperationException($"Unhandled ingest status {outcome.Status}."),
        };
    }

    private static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>The acknowledgement: <c>received</c> once durable, <c>duplicate</c> with the original's id.</summary>
    public sealed record Receipt(string Status, Guid Id);
}

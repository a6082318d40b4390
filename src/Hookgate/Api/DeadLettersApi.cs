using Hookgate.Inbox;
using Hookgate.Processing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookgate.Api;

public static class DeadLettersApi
{
    public static RouteGroupBuilder MapDeadLettersApi(this RouteGroupBuilder api)
    {
        var deadLetters = api.MapGroup("/dead-letters").WithTags("Dead letters");

        deadLetters.MapGet("/", async (string? source, int? limit, InboxReader reader, CancellationToken cancellationToken) =>
                TypedResults.Ok(await reader.DeadLettersAsync(source, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken)))
            .WithSummary("Events processing gave up on, newest first, with the reason.");

        deadLetters.MapPost("/{id:guid}/replay", async Task<Results<Accepted<EventsApi.ReplayResult>, ProblemHttpResult>> (Guid id, ReplayService replay, CancellationToken cancellationToken) =>
                await replay.ReplayAsync(new EventFilter(Id: id, Status: EventStatus.DeadLettered), cancellationToken) > 0
                    ? TypedResults.Accepted($"/api/events/{id}", new EventsApi.ReplayResult(1))
                    : NotADeadLetter(id))
            .WithSummary("Process a dead letter again.");

        deadLetters.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ReplayService replay, CancellationToken cancellationToken) =>
                await replay.DiscardAsync(id, cancellationToken) ? TypedResults.NoContent() : NotADeadLetter(id))
            .WithSummary("Discard a dead letter: it leaves the list; the event itself stays stored.");

        return api;
    }

    private static ProblemHttpResult NotADeadLetter(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dead letter not found", detail: $"Event {id} is not a dead letter.");
}

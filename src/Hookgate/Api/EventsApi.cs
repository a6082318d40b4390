using Hookgate.Inbox;
using Hookgate.Processing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookgate.Api;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");

        events.MapGet("/{id:guid}", async Task<Results<Ok<EventDetails>, ProblemHttpResult>> (Guid id, InboxReader reader, CancellationToken cancellationToken) =>
                await reader.FindAsync(id, cancellationToken) is { } details ? TypedResults.Ok(details) : NotFound(id))
            .WithSummary("An event: its raw request, status and every attempt.");

        events.MapPost("/{id:guid}/replay", async Task<Results<Accepted<ReplayResult>, ProblemHttpResult>> (Guid id, ReplayService replay, InboxReader reader, CancellationToken cancellationToken) =>
            {
                if (await replay.ReplayAsync(id, cancellationToken))
                {
                    return TypedResults.Accepted($"/api/events/{id}", new ReplayResult(1));
                }

                return await reader.FindAsync(id, cancellationToken) is null
                    ? NotFound(id)
                    : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Event is being processed", detail: $"Event {id} is being processed right now; replay it once it has finished.");
            })
            .WithSummary("Process an event again through its translator.");

        events.MapPost("/replay", async Task<Results<Accepted<ReplayResult>, ProblemHttpResult>> (ReplayRequest request, ReplayService replay, CancellationToken cancellationToken) =>
            {
                if (request.Source is null && request.Type is null && request.Status is null && request.Since is null)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Filter required",
                        detail: "Name at least one of source, type, status or since: replaying every event is never what was meant.");
                }

                var count = await replay.ReplayAsync(new EventFilter(null, request.Source, request.Type, request.Status, request.Since), cancellationToken);
                return TypedResults.Accepted((string?)null, new ReplayResult(count));
            })
            .WithSummary("Process again every event the filter selects.");

        return api;
    }

    internal static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found", detail: $"No event has id {id}.");

    public sealed record ReplayRequest(string? Source, string? Type, string? Status, DateTimeOffset? Since);

    public sealed record ReplayResult(int Replayed);
}

namespace Hookgate.Processing;

/// <summary>
/// The anti-corruption layer of one provider: reads a stored event in the provider's shape and says what it means
/// in ours. Lives in the provider's folder; its DTOs never leave it.
/// </summary>
public interface IEventTranslator
{
    /// <summary>
    /// Returns the changes to apply, or why the event is ignored or can never apply. Throws
    /// <see cref="InvalidEventException"/> (or lets <see cref="System.Text.Json.JsonException"/> through) for a body
    /// that does not have the shape the provider documents: retrying cannot fix it, so the event is dead-lettered
    /// with that reason. Any other exception (a provider API down, a timeout) is retried with backoff.
    /// </summary>
    ValueTask<Translation> TranslateAsync(StoredEvent storedEvent, CancellationToken cancellationToken);
}

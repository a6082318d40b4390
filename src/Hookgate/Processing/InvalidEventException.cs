namespace Hookgate.Processing;

/// <summary>
/// The event cannot be translated, now or ever: a required field is missing or of the wrong type. The message says
/// which field and what was expected; the event goes to the dead letters with it.
/// </summary>
public sealed class InvalidEventException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static InvalidEventException Missing(string field) => new($"Required field '{field}' is missing.");

    public static InvalidEventException Expected(string field, string expected, string? actual) =>
        new($"Field '{field}' must be {expected}, but was '{actual}'.");
}

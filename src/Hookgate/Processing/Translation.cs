using Hookgate.Commerce;

namespace Hookgate.Processing;

/// <summary>What a translator made of an event.</summary>
public abstract record Translation
{
    public static Translation Apply(params CommerceChange[] changes) => new Changes(changes);

    public static Translation Ignore(string reason) => new Ignored(reason);

    /// <summary>The changes to upsert, in order, in one transaction with the event's status.</summary>
    public sealed record Changes(IReadOnlyList<CommerceChange> Items) : Translation;

    /// <summary>Nothing in our domain corresponds to this event (a ping, an app install): marked <c>ignored</c>.</summary>
    public sealed record Ignored(string Reason) : Translation;
}

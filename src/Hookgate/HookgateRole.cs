namespace Hookgate;

/// <summary>What one instance does (<c>--role</c>): both halves, or one of them when they are scaled apart.</summary>
public enum HookgateRole
{
    All,
    Ingest,
    Worker,
}

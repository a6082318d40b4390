namespace Hookgate.Processing;

/// <summary>Whether a translation may call its provider now (see <see cref="ProviderCircuits"/>).</summary>
public enum ProviderCall
{
    /// <summary>The provider answers: call it.</summary>
    Normal,

    /// <summary>The provider timed out and its rest is over: this one call tries it again while the others wait.</summary>
    Trial,

    /// <summary>The provider rests after a timeout: do not call it.</summary>
    Refused,
}

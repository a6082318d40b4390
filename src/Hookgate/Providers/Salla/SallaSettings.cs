namespace Hookgate.Providers.Salla;

/// <summary>Salla's own settings, bound from the source's section.</summary>
public sealed class SallaSettings
{
    /// <summary>The security strategy chosen when the webhook was registered with Salla: Signature or Token.</summary>
    public string Strategy { get; set; } = nameof(SallaStrategy.Signature);
}

public enum SallaStrategy
{
    Signature,
    Token,
}

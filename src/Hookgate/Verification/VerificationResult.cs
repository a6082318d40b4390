namespace Hookgate.Verification;

/// <summary>The outcome of checking a request's authenticity; a failure says why, never with a secret in it.</summary>
public readonly record struct VerificationResult(bool IsValid, string? Failure)
{
    public static VerificationResult Valid => new(true, null);

    public static VerificationResult Fail(string reason) => new(false, reason);

    public static VerificationResult MissingHeader(string header) => Fail($"The {header} header is missing.");

    public static VerificationResult Malformed(string header) => Fail($"The {header} header is malformed.");

    public static VerificationResult Mismatch => Fail("The signature does not match any configured secret.");

    public static VerificationResult OutsideTolerance => Fail("The signed timestamp is outside the allowed tolerance.");
}

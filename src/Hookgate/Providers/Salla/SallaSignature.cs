using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.Salla;

/// <summary>
/// Signature: <c>X-Salla-Signature: &lt;hex HMAC-SHA256 of the body&gt;</c> (also sent as <c>X-Salla-Signature-256</c>).
/// Token: <c>Authorization: Bearer &lt;token&gt;</c>. Salla names its strategy in <c>X-Salla-Security-Strategy</c>;
/// a request naming another strategy than the configured one is refused, so a forger cannot choose the weaker check.
/// </summary>
public sealed class SallaSignature(SallaStrategy strategy, IReadOnlyList<byte[]> secrets)
{
    public const string SignatureHeader = "X-Salla-Signature";
    public const string SignatureHeaderAlias = "X-Salla-Signature-256";
    public const string StrategyHeader = "X-Salla-Security-Strategy";
    public const string AuthorizationHeader = "Authorization";
    private const string BearerPrefix = "Bearer ";

    private readonly string strategyName = strategy.ToString();

    public SallaStrategy Strategy => strategy;

    public VerificationResult Verify(in WebhookRequest request)
    {
        var declared = request.Header(StrategyHeader);
        if (declared is not null && !declared.AsSpan().Trim().Equals(strategyName, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Fail($"The {StrategyHeader} header names another strategy than the one configured.");
        }

        return strategy == SallaStrategy.Token
            ? VerifyToken(request.Header(AuthorizationHeader))
            : VerifySignature(request.Header(SignatureHeader) ?? request.Header(SignatureHeaderAlias), request.Body);
    }

    private VerificationResult VerifySignature(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(SignatureHeader);
        }

        return HmacSignature.VerifyBody(HashAlgorithmName.SHA256, secrets, body, header, SignatureEncoding.Hex, SignatureHeader);
    }

    private VerificationResult VerifyToken(string? header)
    {
        if (header is null)
        {
            return VerificationResult.MissingHeader(AuthorizationHeader);
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.AsSpan(BearerPrefix.Length).Trim().IsEmpty)
        {
            return VerificationResult.Malformed(AuthorizationHeader);
        }

        return SecretText.EqualsAny(header.AsSpan(BearerPrefix.Length).Trim(), secrets)
            ? VerificationResult.Valid
            : VerificationResult.Mismatch;
    }
}

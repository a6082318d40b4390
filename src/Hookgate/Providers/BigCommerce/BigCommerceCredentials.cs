using System.Security.Cryptography;
using Hookgate.Verification;

namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// BigCommerce does not sign its payloads; it sends back the headers it was registered with. When both a secret
/// header and basic credentials are configured, both must be right, and both are checked whatever the first says.
/// </summary>
public sealed class BigCommerceCredentials(IReadOnlyList<byte[]> secrets, string? header, byte[]? username)
{
    public const string Authorization = "Authorization";

    // Far beyond any credential we configure; anything longer cannot match and is not worth decoding.
    private const int MaxBasicCredentialsBytes = 1024;

    public VerificationResult Verify(in WebhookRequest request)
    {
        var result = VerificationResult.Valid;
        if (header is not null)
        {
            var value = request.Header(header);
            result = value is null ? VerificationResult.MissingHeader(header)
                : SecretText.EqualsAny(value, secrets) ? VerificationResult.Valid
                : VerificationResult.Fail($"The {header} header does not match any configured secret.");
        }

        if (username is not null)
        {
            var basic = VerifyBasic(request.Header(Authorization), username);
            if (result.IsValid)
            {
                result = basic;
            }
        }

        return result;
    }

    private VerificationResult VerifyBasic(string? authorization, byte[] expectedUsername)
    {
        if (authorization is null)
        {
            return VerificationResult.MissingHeader(Authorization);
        }

        var text = authorization.AsSpan().Trim();
        const string scheme = "Basic ";
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationResult.Malformed(Authorization);
        }

        Span<byte> credentials = stackalloc byte[MaxBasicCredentialsBytes];
        var encoded = text[scheme.Length..].Trim();
        if (encoded.IsEmpty || !Convert.TryFromBase64Chars(encoded, credentials, out var length))
        {
            return VerificationResult.Malformed(Authorization);
        }

        credentials = credentials[..length];
        var colon = credentials.IndexOf((byte)':');
        if (colon < 0)
        {
            return VerificationResult.Malformed(Authorization);
        }

        // Both halves are compared even when the user name is wrong, so timing does not tell which half failed.
        var userMatches = CryptographicOperations.FixedTimeEquals(credentials[..colon], expectedUsername);
        var passwordMatches = SecretText.EqualsAny(credentials[(colon + 1)..], secrets);
        return userMatches & passwordMatches
            ? VerificationResult.Valid
            : VerificationResult.Fail("The basic credentials do not match the configured user name and secrets.");
    }
}

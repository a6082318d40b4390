using Hookgate.Processing;

namespace Hookgate.Providers.Stripe;

/// <summary>
/// Stripe sends integer amounts in the currency's minor unit, and its minor unit is not always ISO 4217's
/// (docs.stripe.com/currencies): ISK, HUF and TWD stay two-decimal in the API although they are charged in whole
/// units, so only the currencies Stripe itself lists as zero- or three-decimal change the exponent.
/// </summary>
internal static class StripeAmount
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.Ordinal) { "BHD", "JOD", "KWD", "OMR", "TND" };

    /// <summary>Stripe writes ISO codes in lower case; our tables hold them upper case.</summary>
    public static string Currency(string? code, string field)
    {
        if (string.IsNullOrEmpty(code))
        {
            throw InvalidEventException.Missing(field);
        }

        if (code.Length != 3 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]) || !char.IsAsciiLetter(code[2]))
        {
            throw InvalidEventException.Expected(field, "a three-letter ISO 4217 code", code);
        }

        return code.ToUpperInvariant();
    }

    /// <summary>The amount in major units, its scale the currency's exponent (2000 USD cents is 20.00).</summary>
    public static decimal ToMajorUnits(long minorUnits, string currency)
    {
        var unit = ZeroDecimal.Contains(currency) ? 1m : ThreeDecimal.Contains(currency) ? 0.001m : 0.01m;
        return minorUnits * unit;
    }
}

using System.Globalization;
using Hookgate.Commerce;
using Hookgate.Processing;

namespace Hookgate.Providers.PayFast;

/// <summary>
/// PayFast's anti-corruption layer: an ITN is one payment's new status. PayFast settles in rand only, and the ITN
/// carries no time of its own, so the time it reached us orders a payment's notifications.
/// </summary>
internal sealed class PayFastTranslator(PayFastServerConfirmation? confirmation) : IEventTranslator
{
    private const string Currency = "ZAR";

    public async ValueTask<Translation> TranslateAsync(StoredEvent storedEvent, CancellationToken cancellationToken)
    {
        var form = storedEvent.Body;
        var paymentId = Required(form, "pf_payment_id");
        var status = Required(form, "payment_status");
        var gross = Required(form, "amount_gross");
        if (!decimal.TryParse(gross, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            throw InvalidEventException.Expected("amount_gross", "a decimal amount such as 200.00", gross);
        }

        if (confirmation is not null)
        {
            await confirmation.ConfirmAsync(form, cancellationToken);
        }

        return Translation.Apply(new Payment(
            ExternalId: paymentId,
            SourceUpdatedAt: storedEvent.ReceivedAt,
            OrderExternalId: NullIfEmpty(PayFastForm.Read(form, "m_payment_id")),
            Amount: amount,
            Currency: Currency,
            Status: ToCommerceStatus(status)));
    }

    private static string ToCommerceStatus(string status) => status.Trim().ToUpperInvariant() switch
    {
        "COMPLETE" => CommerceStatus.Succeeded,
        "FAILED" => CommerceStatus.Failed,
        "CANCELLED" => CommerceStatus.Cancelled,
        _ => status.Trim().ToLowerInvariant(),
    };

    private static string Required(byte[] form, string field) =>
        NullIfEmpty(PayFastForm.Read(form, field)) ?? throw InvalidEventException.Missing(field);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

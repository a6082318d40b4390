using System.Net;
using System.Text;
using Hookgate.Commerce;
using Hookgate.Processing;
using Hookgate.Providers.PayFast;
using Hookgate.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Tests.Providers.PayFast;

public sealed class PayFastTranslatorTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 5, 10, 15, 0, TimeSpan.FromHours(2));

    // An ITN as PayFast posts it (PHP urlencode). The signature is not checked here: the receiver did that at ingest.
    private static string Itn(string status = "COMPLETE", string amountGross = "200.00") =>
        $"m_payment_id=1001&pf_payment_id=1089250&payment_status={status}&item_name=Order+%231001&item_description="
        + $"&amount_gross={amountGross}&amount_fee=-4.60&amount_net=195.40&custom_str1=&name_first=Zo%C3%AB&name_last=O%27Brien"
        + "&email_address=zoe%2Btest%40example.com&merchant_id=10000100&signature=d495aaa2f35e05e307a43b7c9b9b9615";

    private static StoredEvent Notification(string form) =>
        new(Guid.NewGuid(), "test", "payfast", "payment.complete", "1089250", "1001", ReceivedAt,
            "application/x-www-form-urlencoded", "{}", Encoding.UTF8.GetBytes(form));

    private static IEventTranslator Translator(params (string Key, string Value)[] settings) =>
        TestSources.Translator(new PayFastProvider(TestSources.HttpClientFactory), [("AllowedNetworks:0", "197.97.145.144/28"), .. settings]);

    private static Task<LoopbackApi> ValidateEndpoint(Func<IResult> answer) =>
        LoopbackApi.StartAsync(app => app.MapPost("/eng/query/validate", answer));

    private static Uri ValidateUrl(LoopbackApi payFast) => new(payFast.BaseUrl, "eng/query/validate");

    private static Payment Single(Translation translation) =>
        Assert.IsType<Payment>(Assert.Single(Assert.IsType<Translation.Changes>(translation).Items));

    [Theory]
    [InlineData("COMPLETE", CommerceStatus.Succeeded)]
    [InlineData("FAILED", CommerceStatus.Failed)]
    [InlineData("CANCELLED", CommerceStatus.Cancelled)]
    [InlineData("PENDING", "pending")]
    public async Task Translates_a_notification_into_the_payment_with_our_status(string status, string expected)
    {
        var payment = Single(await Translator().TranslateAsync(Notification(Itn(status)), CancellationToken.None));

        Assert.Equal(new Payment("1089250", ReceivedAt, "1001", 200.00m, "ZAR", expected), payment);
    }

    [Fact]
    public async Task A_notification_without_the_merchant_reference_has_no_order()
    {
        var payment = Single(await Translator().TranslateAsync(Notification(Itn().Replace("m_payment_id=1001&", "")), CancellationToken.None));

        Assert.Null(payment.OrderExternalId);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("200,00")]
    [InlineData("")]
    public async Task An_amount_that_is_not_a_decimal_is_invalid(string amount)
    {
        var exception = await Assert.ThrowsAsync<InvalidEventException>(
            () => Translator().TranslateAsync(Notification(Itn(amountGross: amount)), CancellationToken.None).AsTask());

        Assert.Contains("amount_gross", exception.Message);
    }

    [Theory]
    [InlineData("pf_payment_id=1089250&")]
    [InlineData("payment_status=COMPLETE&")]
    [InlineData("amount_gross=200.00&")]
    public async Task A_notification_missing_a_required_field_is_invalid_and_names_it(string field)
    {
        var exception = await Assert.ThrowsAsync<InvalidEventException>(
            () => Translator().TranslateAsync(Notification(Itn().Replace(field, "")), CancellationToken.None).AsTask());

        Assert.Contains(field[..field.IndexOf('=')], exception.Message);
    }

    [Fact]
    public async Task A_notification_PayFast_confirms_is_applied_after_posting_it_back_unchanged()
    {
        await using var payFast = await ValidateEndpoint(() => Results.Text("VALID"));

        var payment = Single(await Translator(("ValidateUrl", ValidateUrl(payFast).ToString())).TranslateAsync(Notification(Itn()), CancellationToken.None));

        Assert.Equal(CommerceStatus.Succeeded, payment.Status);
        var request = Assert.Single(payFast.Requests);
        Assert.Equal("POST /eng/query/validate", $"{request.Method} {request.PathAndQuery}");
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(Itn(), request.Body);
    }

    [Fact]
    public async Task A_notification_PayFast_denies_is_invalid()
    {
        await using var payFast = await ValidateEndpoint(() => Results.Text("INVALID"));

        var exception = await Assert.ThrowsAsync<InvalidEventException>(
            () => Translator(("ValidateUrl", ValidateUrl(payFast).ToString())).TranslateAsync(Notification(Itn()), CancellationToken.None).AsTask());

        Assert.StartsWith("PayFast did not confirm", exception.Message);
    }

    [Fact]
    public async Task A_failing_validate_endpoint_is_thrown_for_a_retry()
    {
        await using var payFast = await ValidateEndpoint(() => Results.StatusCode(500));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => Translator(("ValidateUrl", ValidateUrl(payFast).ToString())).TranslateAsync(Notification(Itn()), CancellationToken.None).AsTask());

        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
    }

    [Fact]
    public async Task An_answer_that_is_neither_VALID_nor_INVALID_is_thrown_for_a_retry()
    {
        await using var payFast = await ValidateEndpoint(() => Results.Content("<html>Down for maintenance</html>", "text/html"));

        await Assert.ThrowsAsync<HttpRequestException>(
            () => Translator(("ValidateUrl", ValidateUrl(payFast).ToString())).TranslateAsync(Notification(Itn()), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task An_invalid_notification_is_refused_before_asking_PayFast()
    {
        await using var payFast = await ValidateEndpoint(() => Results.Text("VALID"));

        await Assert.ThrowsAsync<InvalidEventException>(
            () => Translator(("ValidateUrl", ValidateUrl(payFast).ToString())).TranslateAsync(Notification(Itn(amountGross: "abc")), CancellationToken.None).AsTask());

        Assert.Empty(payFast.Requests);
    }

    [Fact]
    public void A_validate_url_that_is_not_https_does_not_start()
    {
        var exception = Assert.Throws<SourceConfigurationException>(() => Translator(("ValidateUrl", "http://www.payfast.co.za/eng/query/validate")));

        Assert.Contains("Hookgate:Sources:test:ValidateUrl", exception.Message);
    }
}

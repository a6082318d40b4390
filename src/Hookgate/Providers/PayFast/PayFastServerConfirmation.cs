using System.Net;
using System.Net.Http.Headers;
using Hookgate.Processing;

namespace Hookgate.Providers.PayFast;

/// <summary>
/// The last of PayFast's four checks: the notification, exactly as received, is posted back to PayFast, which answers
/// <c>VALID</c> only for data it sent. It runs when the event is processed rather than when it arrives: PayFast only
/// needs a quick 200, the acknowledgement should not wait on a second round trip to PayFast, and a failed call here is
/// retried with backoff instead of making PayFast resend.
/// </summary>
internal sealed class PayFastServerConfirmation(IHttpClientFactory httpClientFactory, Uri validateUrl, TimeSpan timeout)
{
    public const string HttpClientName = "PayFast";

    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    /// <summary>
    /// Returns when PayFast confirms; throws <see cref="InvalidEventException"/> when it denies, and
    /// <see cref="HttpRequestException"/> or <see cref="TimeoutException"/> when it cannot be asked (retried later).
    /// </summary>
    public async Task ConfirmAsync(byte[] form, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var content = new ByteArrayContent(form);
        content.Headers.ContentType = FormContentType;
        string answer;
        try
        {
            using var response = await client.PostAsync(validateUrl, content, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"PayFast's validate endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            answer = (await response.Content.ReadAsStringAsync(deadline.Token)).Trim();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"PayFast's validate endpoint did not answer within {timeout.TotalSeconds:0.###} s.");
        }

        if (answer == "VALID")
        {
            return;
        }

        if (answer == "INVALID")
        {
            throw new InvalidEventException("PayFast did not confirm this notification: its validate endpoint answered INVALID.");
        }

        // Anything else (a maintenance page, a proxy's error) says nothing about the notification: ask again later.
        throw new HttpRequestException(
            $"PayFast's validate endpoint answered neither VALID nor INVALID, but '{answer[..Math.Min(answer.Length, 40)]}'.",
            null,
            HttpStatusCode.OK);
    }
}

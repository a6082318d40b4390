using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hookgate.Processing;

namespace Hookgate.Providers.BigCommerce;

/// <summary>
/// The few REST calls translation makes. Whatever a later attempt may see differently (an outage, throttling, a
/// timeout, a resource not visible yet, a token an operator has yet to fix) is thrown as
/// <see cref="HttpRequestException"/> or <see cref="TimeoutException"/>, so processing retries it with backoff;
/// only an answer that is not the documented shape is final (<see cref="InvalidEventException"/>).
/// </summary>
internal sealed class BigCommerceApi(IHttpClientFactory httpClientFactory, Uri baseUrl, string accessToken, TimeSpan timeout, string accessTokenKey)
{
    public const string HttpClientName = "BigCommerce";

    // The most Orders V2 returns per page: one call for all but the largest orders.
    private const int OrderProductsPageSize = 250;

    public async Task<BigCommerceOrder> GetOrderAsync(string storeHash, long id, CancellationToken cancellationToken)
    {
        var path = StorePath(storeHash, $"v2/orders/{Id(id)}");
        return await GetAsync(path, BigCommerceJson.Default.BigCommerceOrder, cancellationToken) ?? throw NoBody(path);
    }

    public async Task<List<BigCommerceOrderProduct?>> GetOrderProductsAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var products = new List<BigCommerceOrderProduct?>();
        for (var page = 1; ; page++)
        {
            var path = StorePath(storeHash, $"v2/orders/{Id(orderId)}/products?limit={OrderProductsPageSize}&page={page}");

            // V2 answers an empty collection with 204 No Content rather than [].
            var batch = await GetAsync(path, BigCommerceJson.Default.ListBigCommerceOrderProduct, cancellationToken);
            products.AddRange(batch ?? []);
            if (batch is null || batch.Count < OrderProductsPageSize)
            {
                return products;
            }
        }
    }

    public async Task<BigCommerceCustomer> GetCustomerAsync(string storeHash, long id, CancellationToken cancellationToken)
    {
        var path = StorePath(storeHash, $"v3/customers?id:in={Id(id)}");
        var list = await GetAsync(path, BigCommerceJson.Default.BigCommerceCustomerList, cancellationToken) ?? throw NoBody(path);

        // V3 filters an unknown id into an empty list, where V2 and the catalog answer 404: the same "not visible yet".
        return list.Data.FirstOrDefault(c => c?.Id == id) ?? throw NotFound(path);
    }

    public async Task<BigCommerceProduct> GetProductAsync(string storeHash, long id, CancellationToken cancellationToken)
    {
        var path = StorePath(storeHash, $"v3/catalog/products/{Id(id)}");
        var envelope = await GetAsync(path, BigCommerceJson.Default.BigCommerceProductEnvelope, cancellationToken) ?? throw NoBody(path);
        return envelope.Data;
    }

    private async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // One deadline for headers and body alike: a hanging API must not hold a worker.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path));
        request.Headers.Add("X-Auth-Token", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            ThrowUnlessSuccessful(response, path);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return default;
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            return await JsonSerializer.DeserializeAsync(body, typeInfo, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not an OperationCanceledException: that would read as the worker shutting down rather than a slow API.
            throw new TimeoutException($"BigCommerce did not answer GET /{path} within {timeout.TotalSeconds:0.###} s.");
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException($"BigCommerce answered GET /{path} with a body that is not the documented shape: {exception.Message}", exception);
        }
    }

    private void ThrowUnlessSuccessful(HttpResponseMessage response, string path)
    {
        var status = response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new HttpRequestException(
                $"BigCommerce refused the access token for GET /{path} ({(int)status}): check {accessTokenKey} and the API account's read scopes.",
                null,
                status),
            HttpStatusCode.NotFound => NotFound(path),
            _ => new HttpRequestException($"BigCommerce answered GET /{path} with {(int)status} {response.ReasonPhrase}.", null, status),
        };
    }

    // Webhooks can arrive before the resource is readable through the API; retries give it time, then dead-letter.
    private static HttpRequestException NotFound(string path) =>
        new($"BigCommerce has no resource at GET /{path} (404): it may not be visible to the API yet.", null, HttpStatusCode.NotFound);

    private static InvalidEventException NoBody(string path) => new($"BigCommerce answered GET /{path} without a body.");

    private static string StorePath(string storeHash, string rest) => $"stores/{Uri.EscapeDataString(storeHash)}/{rest}";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

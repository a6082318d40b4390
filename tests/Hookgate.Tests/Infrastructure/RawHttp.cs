using System.Net.Sockets;
using System.Text;

namespace Hookgate.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient would rewrite or refuse: paths sent exactly as written
/// (<c>..%2F</c> left alone), thousands of headers, bytes trickled one at a time.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RawHttp(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(Uri address)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(address.Host, address.Port);
        return new RawHttp(client);
    }

    /// <summary>Sends one request with <c>Connection: close</c> and reads the whole answer.</summary>
    public static async Task<RawResponse> SendAsync(Uri address, string method, string rawTarget, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        await using var connection = await ConnectAsync(address);
        var head = new StringBuilder($"{method} {rawTarget} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await connection.WriteAsync([.. Encoding.UTF8.GetBytes(head.ToString()), .. body]);
        return await connection.ReadResponseAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Writes bytes; false when the server has closed the connection (a reset or a broken pipe).</summary>
    public async Task<bool> WriteAsync(byte[] bytes)
    {
        try
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads until the server closes the connection (or <paramref name="timeout"/> passes) and parses what came.</summary>
    public async Task<RawResponse> ReadResponseAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset after the answer was sent: what arrived before the reset is the answer.
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server neither answered nor closed the connection within {timeout.TotalSeconds} s.");
        }

        return RawResponse.Parse(received.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        client.Dispose();
    }
}

/// <summary>A parsed answer; <see cref="Status"/> is 0 when the server closed the connection without answering.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.GetValueOrDefault("Content-Type");

    public static RawResponse Parse(byte[] bytes)
    {
        var endOfHead = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (endOfHead < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), Encoding.UTF8.GetString(bytes));
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, endOfHead).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var body = bytes.AsSpan(endOfHead + 4);
        var text = headers.GetValueOrDefault("Transfer-Encoding") == "chunked" ? Dechunk(body) : Encoding.UTF8.GetString(body);
        return new RawResponse(status, headers, text);
    }

    private static string Dechunk(ReadOnlySpan<byte> chunked)
    {
        var body = new List<byte>();
        while (!chunked.IsEmpty)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked[..lineEnd]), 16);
            if (size == 0)
            {
                break;
            }

            body.AddRange(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }

        return Encoding.UTF8.GetString([.. body]);
    }
}

using System.Text.Json;
using Hookgate.Ingest;
using Microsoft.AspNetCore.Http;

namespace Hookgate.Tests.Ingest;

/// <summary>The stored headers' JSON is written with one buffer and writer per thread, reused request after request.</summary>
public sealed class HeaderJsonTests
{
    [Fact]
    public void Writes_each_request_s_headers_alone_after_a_larger_request_on_the_same_thread()
    {
        var large = new HeaderDictionary { ["X-Large"] = new string('a', 4000), ["X-Also"] = new[] { "1", "2" } };
        var small = new HeaderDictionary { ["Content-Type"] = "application/json", ["X-Signature"] = "sha256=ab\"c" };

        HeaderJson.Write(large, []);
        var json = HeaderJson.Write(small, []);

        Assert.Equal("""{"Content-Type":["application/json"],"X-Signature":["sha256=ab\u0022c"]}""", json);
        Assert.Equal("sha256=ab\"c", JsonDocument.Parse(json).RootElement.GetProperty("X-Signature")[0].GetString());
    }

    [Fact]
    public void Leaves_out_credentials_and_allocates_little_more_than_the_string_it_returns()
    {
        var headers = new HeaderDictionary
        {
            ["Content-Type"] = "application/json",
            ["Authorization"] = "Bearer secret",
            ["X-Shop-Token"] = "also-secret",
            ["User-Agent"] = "Salla-Webhooks/1.0",
        };
        HeaderJson.Write(headers, ["X-Shop-Token"]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var json = HeaderJson.Write(headers, ["X-Shop-Token"]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("""{"Content-Type":["application/json"],"User-Agent":["Salla-Webhooks/1.0"]}""", json);
        // The string itself (a header and two bytes a character) and the dictionary's enumerator. A new 1 KiB buffer
        // and writer for each call came to 1,560 bytes here.
        Assert.InRange(allocated, 0, 32 + (2 * json.Length) + 256);
    }
}

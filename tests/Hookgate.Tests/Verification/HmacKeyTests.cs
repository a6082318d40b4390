using System.Security.Cryptography;
using System.Text;
using Hookgate.Verification;

namespace Hookgate.Tests.Verification;

public sealed class HmacKeyTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("whsec_test_3c1f0e7a9b2d4c6e8f0a1b3c5d7e9f1a");

    [Theory]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA512")]
    public void A_reused_state_signs_each_message_as_a_fresh_HMAC_would(string algorithmName)
    {
        var algorithm = new HashAlgorithmName(algorithmName);
        var key = new HmacKey(algorithm, Key);
        Span<byte> mac = stackalloc byte[HmacSignature.MaxMacBytes];

        // The same key signs one message after another: every MAC must be the one-shot HMAC of that message alone.
        for (var i = 0; i < 5; i++)
        {
            var prefix = Encoding.ASCII.GetBytes($"{1717000000 + i}.");
            var body = Encoding.UTF8.GetBytes($$"""{"id":"evt_{{i}}","type":"payment_intent.succeeded"}""");

            var written = key.Compute(prefix, body, mac);

            Assert.Equal(HmacSignature.SizeInBytes(algorithm), written);
            Assert.Equal(Expected(algorithm, [.. prefix, .. body]), mac[..written].ToArray());
        }
    }

    [Fact]
    public void Without_a_prefix_the_MAC_is_of_the_body_alone()
    {
        var key = new HmacKey(HashAlgorithmName.SHA256, Key);
        var body = Encoding.UTF8.GetBytes("""{"id":"evt_1"}""");
        Span<byte> mac = stackalloc byte[32];

        key.Compute([], body, mac);

        Assert.Equal(Expected(HashAlgorithmName.SHA256, body), mac.ToArray());
    }

    [Fact]
    public async Task Concurrent_requests_never_share_a_state()
    {
        var key = new HmacKey(HashAlgorithmName.SHA256, Key);
        var mismatches = 0;

        // More workers than the pool has slots, so states are built, shared, returned and dropped all at once.
        await Task.WhenAll(Enumerable.Range(0, 4 * Environment.ProcessorCount + 8).Select(worker => Task.Run(() =>
        {
            Span<byte> mac = stackalloc byte[32];
            for (var i = 0; i < 500; i++)
            {
                var prefix = Encoding.ASCII.GetBytes($"{worker}.{i}.");
                var body = Encoding.UTF8.GetBytes($"body of {worker}/{i}");
                key.Compute(prefix, body, mac);
                if (!mac.SequenceEqual(Expected(HashAlgorithmName.SHA256, [.. prefix, .. body])))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })));

        Assert.Equal(0, mismatches);
    }

    private static byte[] Expected(HashAlgorithmName algorithm, byte[] message) =>
        algorithm == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(Key, message)
        : algorithm == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(Key, message)
        : HMACSHA512.HashData(Key, message);
}

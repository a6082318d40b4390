using System.Security.Cryptography;

namespace Hookgate.Verification;

/// <summary>
/// One signing key of a source, with the keyed HMAC states it has already built. Signing a prefix (a timestamp, a
/// message id) and then the body needs an incremental HMAC; creating one per request costs a native context and
/// a few managed objects, so finished states are kept here and reused: <see cref="IncrementalHash.GetHashAndReset(Span{byte})"/>
/// leaves a state keyed and empty, exactly as new. Rent and return are lock-free; a request that finds every slot
/// taken builds its own state and keeps it only if a slot has come free.
/// </summary>
public sealed class HmacKey
{
    // Enough for every core to verify at once, with room for threads pre-empted while holding one.
    private static readonly int PoolSize = Math.Clamp(Environment.ProcessorCount * 2, 4, 64);

    private readonly byte[] key;
    private readonly IncrementalHash?[] pool = new IncrementalHash?[PoolSize];

    public HmacKey(HashAlgorithmName algorithm, byte[] key)
    {
        Size = HmacSignature.SizeInBytes(algorithm);
        Algorithm = algorithm;
        this.key = key;
    }

    public HashAlgorithmName Algorithm { get; }

    /// <summary>The MAC's length in bytes.</summary>
    public int Size { get; }

    /// <summary>One <see cref="HmacKey"/> per key, all for the same algorithm.</summary>
    public static HmacKey[] ForEach(HashAlgorithmName algorithm, IReadOnlyList<byte[]> keys)
    {
        var hmacKeys = new HmacKey[keys.Count];
        for (var i = 0; i < hmacKeys.Length; i++)
        {
            hmacKeys[i] = new HmacKey(algorithm, keys[i]);
        }

        return hmacKeys;
    }

    /// <summary>HMAC of <paramref name="data"/>, written to <paramref name="destination"/>; returns its length.</summary>
    public int Compute(ReadOnlySpan<byte> data, Span<byte> destination) =>
        HmacSignature.Compute(Algorithm, key, data, destination);

    /// <summary>HMAC of <paramref name="prefix"/> followed by <paramref name="body"/>, without copying either.</summary>
    public int Compute(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        if (prefix.IsEmpty)
        {
            return Compute(body, destination);
        }

        var hmac = Rent();
        int written;
        try
        {
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            written = hmac.GetHashAndReset(destination);
        }
        catch
        {
            // A state left part-way through a message must never sign another one.
            hmac.Dispose();
            throw;
        }

        Return(hmac);
        return written;
    }

    private IncrementalHash Rent()
    {
        // Start where this thread usually finds its own, so that threads do not all contend for the first slot.
        var start = (int)((uint)Environment.CurrentManagedThreadId % (uint)pool.Length);
        for (var i = 0; i < pool.Length; i++)
        {
            var index = start + i < pool.Length ? start + i : start + i - pool.Length;
            if (Volatile.Read(ref pool[index]) is not null && Interlocked.Exchange(ref pool[index], null) is { } hmac)
            {
                return hmac;
            }
        }

        return IncrementalHash.CreateHMAC(Algorithm, key);
    }

    private void Return(IncrementalHash hmac)
    {
        var start = (int)((uint)Environment.CurrentManagedThreadId % (uint)pool.Length);
        for (var i = 0; i < pool.Length; i++)
        {
            var index = start + i < pool.Length ? start + i : start + i - pool.Length;
            if (Interlocked.CompareExchange(ref pool[index], hmac, null) is null)
            {
                return;
            }
        }

        hmac.Dispose();
    }
}

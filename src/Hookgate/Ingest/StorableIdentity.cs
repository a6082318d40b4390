using System.Security.Cryptography;
using System.Text;
using Hookgate.Providers;
using Hookgate.Storage;

namespace Hookgate.Ingest;

/// <summary>
/// An event's identity is read from the sender's bytes, and the inbox indexes it: a PostgreSQL B-tree entry holds
/// about 2.7 kB at most. A longer value would fail the whole group commit, answering 503 to every delivery in it, and
/// the sender would retry it forever. Such a value is replaced by its SHA-256, which keeps its identity (equal values,
/// equal keys), so the event is stored and deduplicated as usual. PostgreSQL text cannot hold U+0000 either, so it
/// is stored as U+FFFD, as an undecodable byte would be, on either database.
/// </summary>
public static class StorableIdentity
{
    private const string Prefix = "sha256-of-value:";

    // Far longer than any provider's ids, types and keys, and far below the index limit at four UTF-8 bytes a character.
    private const int MaxLength = 512;

    public static EventIdentity Of(EventIdentity identity) => new(
        Storable(identity.EventType),
        Storable(identity.DedupKey),
        identity.OrderingKey is null ? null : Storable(identity.OrderingKey),
        identity.ProviderEventId is null ? null : Storable(identity.ProviderEventId));

    private static string Storable(string value)
    {
        var text = StatementBatch.Storable(value);
        return text.Length <= MaxLength ? text : Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

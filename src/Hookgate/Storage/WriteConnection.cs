using System.Data.Common;

namespace Hookgate.Storage;

/// <summary>A connection for one write transaction; disposing it closes the connection and lets the next writer in.</summary>
public sealed class WriteConnection(DbConnection connection, SemaphoreSlim? gate) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        gate?.Release();
    }
}

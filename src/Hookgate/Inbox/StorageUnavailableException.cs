namespace Hookgate.Inbox;

/// <summary>The event could not be made durable; the sender must retry (ingest answers 503).</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

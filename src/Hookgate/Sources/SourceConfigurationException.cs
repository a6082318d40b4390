namespace Hookgate.Sources;

/// <summary>A source's configuration cannot work; the message names the key to fix.</summary>
public sealed class SourceConfigurationException(string message) : Exception(message);

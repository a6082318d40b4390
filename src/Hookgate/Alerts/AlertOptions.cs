namespace Hookgate.Alerts;

/// <summary>The <c>Hookgate:Alerts</c> section.</summary>
public sealed class AlertOptions
{
    /// <summary>When set, every dead letter is also POSTed here as JSON (a chat webhook, an incident tool).</summary>
    public Uri? WebhookUrl { get; set; }
}

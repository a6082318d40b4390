using System.Text;
using Hookgate.Providers;
using Hookgate.Providers.GitHub;
using Hookgate.Sources;
using Hookgate.Verification;

namespace Hookgate.Tests.Providers.GitHub;

public sealed class GitHubReceiverTests
{
    private const string Payload = """{"action":"opened","issue":{"id":2345678901,"number":42,"title":"Webhook retries double-count orders","state":"open","user":{"login":"octocat","id":1}},"repository":{"id":1296269,"name":"Hello-World","full_name":"octocat/Hello-World","private":false},"sender":{"login":"octocat","id":1}}""";
    private const string Secret = "gh-primary-secret";
    private const string RotatedSecret = "gh-rotated-secret";
    private const string Delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    // Produced by the official Node helper (@octokit/webhooks-methods 6.0.0): await sign(secret, Payload).
    // Cross-checked: printf '%s' "$Payload" | openssl dgst -sha256 -hmac "$secret"
    private const string SignedWithSecret = "sha256=1da4d69b0b94152531ffddca462095e8c17bd9a8be6dcc95b87e82112901e738";
    private const string SignedWithRotatedSecret = "sha256=665325adbd7a48caeffa472dc86e63c1bd5f925e7712a726cf648df1dc817919";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Payload);
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeSeconds(1717000000);

    [Fact]
    public void Accepts_a_GitHub_signature_made_with_the_webhook_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret), (GitHubSignature.Header, SignedWithSecret)));
    }

    [Fact]
    public void Rejects_a_GitHub_signature_made_with_another_secret()
    {
        var result = Verify(Receiver(Secret), (GitHubSignature.Header, SignedWithRotatedSecret));

        Assert.Equal(VerificationResult.Mismatch, result);
        Assert.DoesNotContain(Secret, result.Failure);
    }

    [Fact]
    public void Accepts_a_GitHub_signature_made_with_the_second_configured_secret()
    {
        Assert.Equal(VerificationResult.Valid, Verify(Receiver(Secret, RotatedSecret), (GitHubSignature.Header, SignedWithRotatedSecret)));
    }

    [Fact]
    public void Rejects_a_GitHub_body_with_one_byte_changed()
    {
        var request = TestSources.Request(TestSources.WithOneByteChanged(Body), ReceivedAt, (GitHubSignature.Header, SignedWithSecret));

        Assert.Equal(VerificationResult.Mismatch, Receiver(Secret).Verify(request));
    }

    [Fact]
    public void Rejects_a_GitHub_request_without_a_signature_header()
    {
        Assert.Equal(VerificationResult.MissingHeader(GitHubSignature.Header), Verify(Receiver(Secret)));
        Assert.Equal(VerificationResult.MissingHeader(GitHubSignature.Header), Verify(Receiver(Secret), (GitHubSignature.Header, "")));
    }

    [Fact]
    public void Does_not_accept_the_legacy_GitHub_sha1_signature()
    {
        // printf '%s' "$Payload" | openssl dgst -sha1 -hmac gh-primary-secret
        var result = Verify(Receiver(Secret), ("X-Hub-Signature", "sha1=f44f57072fefc79db44beb26c3accd5ab6099326"));

        Assert.Equal(VerificationResult.MissingHeader(GitHubSignature.Header), result);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData(" ")]
    [InlineData("sha256=")]
    [InlineData("1da4d69b0b94152531ffddca462095e8c17bd9a8be6dcc95b87e82112901e738")]
    [InlineData("sha1=1da4d69b0b94152531ffddca462095e8c17bd9a8be6dcc95b87e82112901e738")]
    [InlineData("SHA256=1da4d69b0b94152531ffddca462095e8c17bd9a8be6dcc95b87e82112901e738")]
    [InlineData("sha256=zzz4d69b0b94152531ffddca462095e8c17bd9a8be6dcc95b87e82112901e738")]
    [InlineData("sha256=1da4d69b0b94152531ffddca462095e8c17bd9a8be6dcc95b87e82112901e7")]
    [InlineData("sha256=HaTWmwuUFSUx/93KRiCV6MF72ai+bcyVuH6CESkB5zg=")]
    public void Rejects_a_malformed_GitHub_signature_header(string signature)
    {
        Assert.Equal(VerificationResult.Malformed(GitHubSignature.Header), Verify(Receiver(Secret), (GitHubSignature.Header, signature)));
    }

    [Fact]
    public void Refuses_a_GitHub_source_without_secrets()
    {
        var error = Assert.Throws<SourceConfigurationException>(() => TestSources.Receiver(new GitHubProvider()));

        Assert.Contains("Hookgate:Sources:test:Secrets", error.Message);
    }

    [Fact]
    public void Identifies_a_GitHub_event_by_its_delivery_and_orders_it_by_repository()
    {
        var request = TestSources.Request(Body, ReceivedAt, ("X-GitHub-Event", "issues"), ("X-GitHub-Delivery", Delivery));

        var identity = Receiver(Secret).Identify(request);

        Assert.Equal("issues.opened", identity.EventType);
        Assert.Equal(Delivery, identity.DedupKey);
        Assert.Equal(Delivery, identity.ProviderEventId);
        Assert.Equal("1296269", identity.OrderingKey);
    }

    [Fact]
    public void Names_a_GitHub_event_without_an_action_by_its_header_alone()
    {
        var body = """{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"0000000000000000000000000000000000000000","repository":{"id":1296269,"name":"Hello-World"}}"""u8.ToArray();
        var request = TestSources.Request(body, ReceivedAt, ("X-GitHub-Event", "push"), ("X-GitHub-Delivery", Delivery));

        var identity = Receiver(Secret).Identify(request);

        Assert.Equal("push", identity.EventType);
        Assert.Equal("1296269", identity.OrderingKey);
    }

    [Fact]
    public void Leaves_a_GitHub_event_without_a_repository_unordered()
    {
        var body = """{"zen":"Design for failure.","hook_id":12345678,"hook":{"type":"Organization","id":12345678}}"""u8.ToArray();
        var request = TestSources.Request(body, ReceivedAt, ("X-GitHub-Event", "ping"), ("X-GitHub-Delivery", Delivery));

        Assert.Null(Receiver(Secret).Identify(request).OrderingKey);
    }

    [Fact]
    public void Identifies_a_GitHub_body_that_is_not_JSON_by_its_hash_when_the_delivery_is_missing()
    {
        var request = TestSources.Request("not json"u8.ToArray(), ReceivedAt, ("X-GitHub-Event", "issues"));

        var identity = Receiver(Secret).Identify(request);

        // printf 'not json' | sha256sum
        Assert.Equal("sha256:7ccfa1fbf3940e6f0c0375d87c0f9235a50514e14cb427bdfaf5077987b26ccf", identity.DedupKey);
        Assert.Equal("issues", identity.EventType);
        Assert.Null(identity.OrderingKey);
        Assert.Null(identity.ProviderEventId);
    }

    private static IWebhookReceiver Receiver(params string[] secrets) =>
        TestSources.Receiver(new GitHubProvider(), TestSources.Secrets(secrets));

    private static VerificationResult Verify(IWebhookReceiver receiver, params (string Name, string Value)[] headers) =>
        receiver.Verify(TestSources.Request(Body, ReceivedAt, headers));
}

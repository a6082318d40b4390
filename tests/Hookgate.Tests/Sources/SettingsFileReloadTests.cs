using System.Diagnostics;
using System.Globalization;
using System.Net;
using Hookgate.Tests.Infrastructure;
using Hookgate.Tests.Ingest;

namespace Hookgate.Tests.Sources;

/// <summary>
/// The gateway as deployed by default: its settings file in the content root, and its SQLite database in ./data below
/// it. Secrets rotate by editing the file, and writing to the database must not wake a file watcher.
/// </summary>
public sealed class SettingsFileReloadTests : IAsyncLifetime
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("hookgate-settings-").FullName;
    private GatewayProcess gateway = null!;
    private HttpClient client = null!;

    private string SettingsFile => Path.Combine(contentRoot, "appsettings.json");

    private string DataDirectory => Path.Combine(contentRoot, "data");

    public async Task InitializeAsync()
    {
        WriteSettings(TestProvider.Salla.Secret);
        gateway = await GatewayProcess.StartAsync(
        [
            $"--contentRoot={contentRoot}", "--Hookgate:Database:Provider=Sqlite",
            $"--ConnectionStrings:Hookgate=Data Source={Path.Combine(DataDirectory, "hookgate.db")}",
        ]);
        client = new HttpClient { BaseAddress = gateway.Address };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
        Directory.Delete(contentRoot, recursive: true);
    }

    [Fact]
    public async Task Takes_a_secret_rotated_in_the_settings_file_without_a_restart()
    {
        const string rotated = "rotated-salla-secret";
        Assert.Equal(HttpStatusCode.OK, await SendAsync(TestProvider.Salla.Secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(rotated));

        WriteSettings(rotated);
        var waited = Stopwatch.StartNew();
        while (await SendAsync(rotated) != HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The rotated secret was not taken within 20 s of the file's change.");
            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(TestProvider.Salla.Secret));
    }

    [Fact]
    public async Task Watches_neither_the_content_root_nor_the_database_directory_with_inotify()
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync(TestProvider.Salla.Secret));

        var watched = InotifyWatchedInodes(gateway.Pid);
        Assert.DoesNotContain(await InodeAsync(contentRoot), watched);
        Assert.DoesNotContain(await InodeAsync(DataDirectory), watched);
    }

    private async Task<HttpStatusCode> SendAsync(string secret)
    {
        var delivery = TestProvider.Salla.Sign(Guid.NewGuid().ToString("N"), secret, DateTimeOffset.UtcNow);
        using var response = await client.SendAsync(delivery.ToRequest("/webhooks/salla"));
        return response.StatusCode;
    }

    private void WriteSettings(string sallaSecret) => File.WriteAllText(SettingsFile, $$"""
        { "Hookgate": { "Sources": { "salla": { "Provider": "salla", "Secrets": [ "{{sallaSecret}}" ] } } } }
        """);

    /// <summary>The inode of every file or directory an inotify instance of the process watches (Linux's fdinfo).</summary>
    private static HashSet<ulong> InotifyWatchedInodes(int pid)
    {
        var inodes = new HashSet<ulong>();
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            if (new FileInfo(fd).LinkTarget != "anon_inode:inotify")
            {
                continue;
            }

            // e.g. "inotify wd:1 ino:1a2b3 sdev:800001 mask:fc6 ignored_mask:0 ..."
            foreach (var line in File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(fd)}").Where(l => l.StartsWith("inotify wd:", StringComparison.Ordinal)))
            {
                var ino = line.Split(' ').Single(field => field.StartsWith("ino:", StringComparison.Ordinal));
                inodes.Add(ulong.Parse(ino["ino:".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return inodes;
    }

    private static async Task<ulong> InodeAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var output = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return ulong.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}

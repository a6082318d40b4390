using Hookgate.Processing;

namespace Hookgate.Tests.Processing;

/// <summary>A replay "since" a time finds its events by an id bound: the lowest UUID v7 of that time's millisecond.</summary>
public sealed class ReplaySinceBoundTests
{
    [Fact]
    public void Is_the_millisecond_in_the_first_six_bytes_then_version_7_and_the_variant()
    {
        // 2026-12-07T10:11:12.345Z is 1,796,638,272,345 ms after the epoch: 0x01a24ffc6b59 (worked out apart from this code).
        var bound = ReplayService.FirstIdOf(new DateTimeOffset(2026, 12, 7, 10, 11, 12, 345, TimeSpan.Zero).AddTicks(6789));

        Assert.Equal("01a24ffc-6b59-7000-8000-000000000000", bound.ToString());
    }

    [Theory]
    [InlineData("2026-12-07T10:11:12.3456789+00:00")]
    [InlineData("2026-12-07T10:11:12.0000000+00:00")]
    [InlineData("2026-12-07T12:11:12.9999999+02:00")]
    public void Holds_every_id_of_its_millisecond_and_later_and_none_earlier(string time)
    {
        var at = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var bound = ReplayService.FirstIdOf(at);

        // Compared as SQLite compares the upper-case text it stores, and as PostgreSQL compares uuid bytes.
        foreach (var (id, atOrAfter) in new[]
                 {
                     (Guid.CreateVersion7(at), true),
                     (Guid.CreateVersion7(at.AddMilliseconds(1)), true),
                     (Guid.CreateVersion7(at.AddMilliseconds(-1)), false),
                 })
        {
            Assert.Equal(atOrAfter, string.CompareOrdinal(id.ToString().ToUpperInvariant(), bound.ToString().ToUpperInvariant()) >= 0);
            Assert.Equal(atOrAfter, id.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(bound.ToByteArray(bigEndian: true)) >= 0);
        }
    }
}

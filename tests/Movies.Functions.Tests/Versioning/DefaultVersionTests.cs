using System.Globalization;
using System.Text.Json;
using DurableTask.Core.Settings;

namespace Movies.Functions.Tests.Versioning;

/// <summary>host.json's <c>defaultVersion</c> under the comparison the Durable host makes (DurableTask.Core's own): the
/// next versions docs/deploy.md says to bump to (the next major, ".0") must all compare as newer, so that an old worker
/// leaves them alone (<c>CurrentOrOlder</c>, <c>Reject</c>); and an instance started on the one-part version before it
/// still runs on the new worker.</summary>
public sealed class DefaultVersionTests
{
    private static string DefaultVersion()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        return host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("defaultVersion").GetString()!;
    }

    [Fact]
    public void DefaultVersion_AndTheNextTwelveBumps_CompareInNumericOrder()
    {
        var current = DefaultVersion();
        var major = Version.Parse(current).Major;
        var bumps = Enumerable.Range(major + 1, 12).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m}.0")).Prepend(current).ToList();

        Assert.All(bumps.Zip(bumps.Skip(1)), pair => Assert.True(VersioningSettings.CompareVersions(pair.First, pair.Second) < 0, $"{pair.First} does not compare below {pair.Second}"));
    }

    [Fact]
    public void OnePartVersions_CompareAsText_WhyTheyAreNotUsed()
        => Assert.True(VersioningSettings.CompareVersions("10", "9") < 0, "one-part versions compare as strings: \"10\" sorts before \"9\"");

    [Fact]
    public void InstanceOfTheFormerOnePartVersion_IsNotNewerThanTheWorker()
        => Assert.True(VersioningSettings.CompareVersions("2", DefaultVersion()) <= 0, "an instance of version \"2\" must still run on this worker");
}

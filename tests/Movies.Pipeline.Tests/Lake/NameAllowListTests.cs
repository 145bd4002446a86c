using System.Text.RegularExpressions;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>The lake's one name allow-list (<see cref="LakeNames"/>) and every input validated by a pattern: each
/// accepts its valid value and refuses the same value with a trailing newline (issue 25, item 8: <c>$</c> accepted one,
/// <c>\z</c> does not), and no pattern in the code anchors with <c>$</c>.</summary>
public sealed partial class NameAllowListTests
{
    private static readonly string Sha = new('a', 64);

    public static TheoryData<string, string> Validated() => new()
    {
        { "identifier", "movies_unified" },
        { "file name", "ratings-2026-11-23.json" },
        { "sha256", Sha },
        { "run id", "20261123-daily" },
        { "run folder", "2026/11/23/20261123-daily" },
        { "bronze manifest", "2026/11/23/20261123-daily/_manifest.json" },
        { "silver manifest", "2026/11/23/20261123-daily/_manifest.json" },
        { "bronze movie", "2026/11/23/20261123-daily/heat-1995-3f2a9c01de.json" },
        { "gold table file", "latest/movies_unified.parquet" },
        { "part pattern", "ratings-2026-11-23.json" },
        { "provider name", "critic_aggregates" },
        { "landing blob", "audience_ratings/ratings-2026-11-23.json" },
    };

    [Theory]
    [MemberData(nameof(Validated))]
    public void Validator_ValidValue_Accepted(string validator, string value) => Assert.True(Accepts(validator, value), $"{validator} refused '{value}'");

    [Theory]
    [MemberData(nameof(Validated))]
    public void Validator_ValueWithATrailingNewline_Refused(string validator, string value)
    {
        Assert.False(Accepts(validator, value + "\n"), $"{validator} accepted '{value}' with a trailing newline");
        Assert.False(Accepts(validator, value + "\r\n"), $"{validator} accepted '{value}' with a trailing CRLF");
    }

    [Theory]
    [InlineData("x\" AS SELECT 1; --")]
    [InlineData("Movies")]
    [InlineData("1table")]
    [InlineData("")]
    public void IsIdentifier_NotALowerCaseIdentifier_Refused(string name) => Assert.False(LakeNames.IsIdentifier(name));

    [Theory]
    [InlineData("../../etc")]
    [InlineData("/tmp/x")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("aaaa")]
    public void IsSha256_NotSixtyFourLowerHex_Refused(string hash) => Assert.False(LakeNames.IsSha256(hash));

    [Fact]
    public void Printable_ControlCharacters_EscapedOnOneLine()
        => Assert.Equal("x\\u000a\\u001b[31m", LakeNames.Printable("x\n\u001b[31m"));

    /// <summary>Every regular expression in the engine, the CLI and the Functions app: none ends its pattern with
    /// <c>$</c>.</summary>
    [Fact]
    public void Sources_EveryRegex_AnchoredWithZNotDollar()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in RegexLiteral().Matches(text))
            {
                // A literal dollar (\$) is no anchor.
                var pattern = match.Groups["pattern"].Value.Replace("\\$", string.Empty, StringComparison.Ordinal);
                if (pattern.EndsWith('$') || pattern.Contains("$)", StringComparison.Ordinal) || pattern.Contains("$|", StringComparison.Ordinal) || match.Groups["tail"].Value.Contains("\"$\"", StringComparison.Ordinal))
                {
                    offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}: {pattern}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    private static bool Accepts(string validator, string value)
    {
        var catalog = Movies.Pipeline.Tests.Providers.ProviderIngestorTests.Bundled;
        var ratings = catalog.Find("audience_ratings")!.Parts[0];
        return validator switch
        {
            "identifier" => LakeNames.IsIdentifier(value),
            "file name" => LakeNames.IsFileName(value),
            "sha256" => LakeNames.IsSha256(value),
            "run id" => LakeNames.IsRunId(value) && Throws(() => RunIds.Validate(value)) is null,
            "run folder" => LakeNames.IsRunFolder(value) && Throws(() => RunIds.OfRunFolder(value)) is null,
            "bronze manifest" => BronzePaths.IsManifest(value),
            "silver manifest" => SilverPaths.IsManifest(value),
            "bronze movie" => BronzePaths.IsMovie(value, "heat-1995-3f2a9c01de"),
            "gold table file" => GoldLatestReader.TableOf(value) is not null,
            "part pattern" => ratings.Matches(value),
            "provider name" => Throws(() => ProviderCatalog.Parse(
                $$"""{"fields":[],"providers":[{"name":{{System.Text.Json.JsonSerializer.Serialize(value)}},"format":"json","joinKey":"imdb_id","parts":[{"name":"p","files":"*.json","columns":[{"from":"id","to":"imdb_id"}]}]}]}""", "test")) is null,
            "landing blob" => Throws(() => ProviderPaths.OfLanding(value)) is null,
            _ => throw new ArgumentException(validator),
        };
    }

    private static PipelineInputException? Throws(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (PipelineInputException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return e;
        }
    }

    // A pattern passed to [GeneratedRegex(...)] or new Regex(...): a verbatim or regular string literal, and what follows it.
    [GeneratedRegex("""(?:GeneratedRegex|new Regex)\(\s*(?:@"(?<pattern>(?:[^"]|"")*)"|"(?<pattern>(?:[^"\\]|\\.)*)")(?<tail>[^\n]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex RegexLiteral();
}

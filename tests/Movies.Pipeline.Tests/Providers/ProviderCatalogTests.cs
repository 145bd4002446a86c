using Movies.Pipeline.Providers;

namespace Movies.Pipeline.Tests.Providers;

public sealed class ProviderCatalogTests
{
    private static string Bundled => Path.Combine(RepositoryRoot.Path, "data", "providers.json");

    [Fact]
    public void Load_BundledFile_DeclaresTheThreeSampleProviders()
    {
        var catalog = ProviderCatalog.Load(Bundled);

        Assert.Equal(["audience_ratings", "critic_aggregates", "box_office"], catalog.Providers.Select(p => p.Name));
        Assert.Equal(ProviderFormat.Json, catalog.Find("audience_ratings")!.Format);
        Assert.True(catalog.Find("audience_ratings")!.JoinsByImdbId);
        Assert.Equal(["domestic", "international", "financials"], catalog.Find("box_office")!.Parts.Select(p => p.Name));
        Assert.Equal(["box_office", ProviderCatalog.Pipeline], catalog.Field("domestic_gross_usd").Precedence);
        Assert.True(catalog.Field("domestic_gross_usd").IsPipelineColumn);
        Assert.False(catalog.Field("audience_score_percent").HasSourceColumn);
    }

    [Fact]
    public void Load_AppCopy_IsTheBundledFile()
        => Assert.Equal(File.ReadAllText(Bundled), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ProvidersOptions.BundledFileName)));

    [Fact]
    public void Parse_EmptyList_IsNoProviders()
    {
        var catalog = ProviderCatalog.Parse("""{ "providers": [] }""", "empty.json");

        Assert.False(catalog.HasProviders);
        Assert.Empty(catalog.Fields);
    }

    [Theory]
    [InlineData("""{ "providers": [ { "name": "x", "format": "xml", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.x", "columns": [ { "from": "id", "to": "imdb_id" } ] } ] } ] }""",
        "provider 'x': format 'xml' is not json or csv")]
    [InlineData("""{ "providers": [ { "name": "x", "format": "csv", "joinKey": "title", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "T", "to": "title" } ] } ] } ] }""",
        "provider 'x': joinKey 'title' is not imdb_id")]
    [InlineData("""{ "providers": [ { "name": "x", "format": "csv", "joinKey": "title_year", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "T", "to": "title" } ] } ] } ] }""",
        "provider 'x': part 'p': joinKey title_year needs columns mapped to title and year")]
    [InlineData("""{ "providers": [ { "name": "x", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "G", "to": "gross" } ] } ] } ] }""",
        "provider 'x': part 'p' column 'G': 'gross' is not a declared field")]
    [InlineData("""{ "fields": [ { "name": "gross", "type": "cash" } ], "providers": [] }""",
        "field 'gross': type 'cash' is not one of text, integer, decimal, percent, money, date, year")]
    [InlineData("""{ "fields": [ { "name": "domestic_gross_usd", "type": "money" } ], "providers": [ { "name": "x", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "G", "to": "domestic_gross_usd" } ] } ] } ] }""",
        "field 'domestic_gross_usd': x, pipeline all supply it: say which wins with \"precedence\": [\"x\", \"pipeline\"]")]
    [InlineData("""{ "fields": [ { "name": "score", "type": "percent", "precedence": ["x", "pipeline"] } ], "providers": [ { "name": "x", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "S", "to": "score" } ] } ] } ] }""",
        "field 'score': precedence names pipeline, which supply no value for it (it is not a column of the daily runs; suppliers: x)")]
    [InlineData("""{ "fields": [ { "name": "imdb_rating", "type": "money", "precedence": ["x", "pipeline"] } ], "providers": [ { "name": "x", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "S", "to": "imdb_rating" } ] } ] } ] }""",
        "field 'imdb_rating': the daily runs' column 'imdb_rating' holds decimal, so the field's type must be decimal")]
    [InlineData("""{ "fields": [ { "name": "score", "type": "percent" } ], "providers": [ { "name": "x", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "S", "to": "score", "scale": 10 } ] } ] } ] }""",
        "provider 'x': part 'p' column 'S': scale must be a positive number, for integer, decimal or money fields only")]
    [InlineData("""{ "providers": [ { "name": "x", "format": "csv", "joinkey": "imdb_id" } ] }""",
        "unknown property at $.providers[0].joinkey")]
    [InlineData("""{ "fields": [] }""", "it has no \"providers\" list")]
    [InlineData("""{ "fields": [ { "name": "genres", "type": "text" } ], "providers": [ { "name": "x", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "G", "to": "genres" } ] } ] } ] }""",
        "field 'genres': 'genres' is a column gold computes itself")]
    [InlineData("""{ "providers": [ { "name": "Box Office", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "id", "to": "imdb_id" } ] } ] } ] }""",
        "provider 'Box Office': name must be 1 to 40 lower-case letters")]
    public void Parse_BadDeclaration_NamesTheProviderAndField(string json, string expected)
    {
        var error = Assert.Throws<PipelineInputException>(() => ProviderCatalog.Parse(json, "bad.json"));

        Assert.StartsWith("Providers file bad.json is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var error = Assert.Throws<PipelineInputException>(() => ProviderCatalog.Parse("""
            { "fields": [ { "name": "score", "type": "percent" } ],
              "providers": [
                { "name": "a", "format": "tsv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.tsv", "columns": [ { "from": "id", "to": "imdb_id" }, { "from": "s", "to": "score" } ] } ] },
                { "name": "b", "format": "csv", "joinKey": "imdb_id", "parts": [ { "name": "p", "files": "*.csv", "columns": [ { "from": "s", "to": "score" } ] } ] } ] }
            """, "two.json"));

        Assert.Contains("provider 'a': format 'tsv' is not json or csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("provider 'b': part 'p': joinKey imdb_id needs a column mapped to imdb_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichSettingNamesIt()
    {
        var error = Assert.Throws<PipelineInputException>(() => ProviderCatalog.Load(Path.Combine(Path.GetTempPath(), "no-such-providers.json")));

        Assert.Contains("(PROVIDERS_FILE) cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("domestic-2026-11-22.csv", "domestic")]
    [InlineData("DOMESTIC_final.CSV", "domestic")]
    [InlineData("international-2026.csv", "international")]
    [InlineData("financials.csv", "financials")]
    [InlineData("weekly.csv", null)]
    [InlineData("domestic.json", null)]
    public void PartOf_FileName_MatchesThePattern(string file, string? part)
        => Assert.Equal(part, ProviderCatalog.Load(Bundled).Find("box_office")!.PartOf(file)?.Name);
}

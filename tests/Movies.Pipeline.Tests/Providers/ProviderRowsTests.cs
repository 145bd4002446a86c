using Movies.Pipeline.Providers;

namespace Movies.Pipeline.Tests.Providers;

/// <summary>Each format read and validated as declared in data/providers.json, with its golden rejects: every row in the
/// table or the rejects, each reject with its reason.</summary>
public sealed class ProviderRowsTests
{
    private static readonly ProviderCatalog Catalog = ProviderCatalog.Load(Path.Combine(RepositoryRoot.Path, "data", "providers.json"));

    private static ProviderRows Rows(string provider, string fileName, string content)
    {
        var p = Catalog.Find(provider)!;
        var part = p.PartOf(fileName)!;
        var records = ProviderFileReader.Read(BinaryData.FromString(content), p, part, fileName);
        return ProviderRows.Parse(p, part, records, "20261123-x-000001", 2036);
    }

    [Fact]
    public void Json_AudienceRatings_RowsAndGoldenRejects()
    {
        var rows = Rows("audience_ratings", "ratings.json", """
            { "ratings": [
              { "imdbID": "tt0133093", "film": { "title": "The Matrix", "year": 1999 }, "audienceScore": "85%", "ratingsCount": "1,234" },
              { "imdbID": "TT0120737", "film": { "title": "LOTR", "year": 2001 }, "audienceScore": 91, "ratingsCount": 99000 },
              { "imdbID": "", "film": { "title": "Matrix, The", "year": 1998 }, "audienceScore": "N/A" },
              { "imdbID": "tt0133093", "audienceScore": "10%" },
              { "imdbID": "tt12", "audienceScore": "50%" },
              { "imdbID": "tt0000003", "audienceScore": "140%" },
              { "imdbID": "tt0000004", "audienceScore": "great" },
              { "film": { "title": "No Year" }, "audienceScore": "50%" },
              [1, 2],
              { "imdbID": "tt0000005", "film": { "title": "Nested", "year": 1990 }, "audienceScore": { "value": 3 } }
            ] }
            """);

        Assert.Equal(3, rows.Table.RowCount);
        Assert.Equal(["tt0133093", "tt0120737", null], rows.Table["imdb_id"].Values.Cast<string?>());
        Assert.Equal([85d, 91d, null], rows.Table["audience_score_percent"].Values.Cast<double?>());
        Assert.Equal([1234L, 99000L, null], rows.Table["audience_rating_count"].Values.Cast<long?>());
        Assert.Equal("matrix", rows.Table["title_key"][2]);
        Assert.Equal(["20261123-x-000001:1", "20261123-x-000001:2", "20261123-x-000001:3"], rows.Table["source_rows"].Values.Cast<string>());
        Assert.Equal(new Dictionary<int, string>
        {
            [4] = ProviderRejectReasons.DuplicateKey,
            [5] = ProviderRejectReasons.InvalidImdbId,
            [6] = ProviderRejectReasons.OutOfRange,
            [7] = ProviderRejectReasons.UnparsableValue,
            [8] = ProviderRejectReasons.MissingJoinKey,
            [9] = ProviderRejectReasons.MalformedRow,
            [10] = ProviderRejectReasons.UnparsableValue,
        }, rows.Rejects.ToDictionary(r => r.Row, r => r.Reason));
        Assert.Contains("same imdbID as row 1", rows.Rejects.Single(r => r.Row == 4).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_CriticAggregates_RowsAndGoldenRejects()
    {
        var rows = Rows("critic_aggregates", "critics-1.csv", """
            Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore
            "Matrix, The",1999,88%,"1,234",7.9/10,73
            THE MATRIX,1999,12%,1,1.0/10,1
            Heat,1995,N/A,80,N/A,—
            No Year,,50%,10,5.0/10,50
            Eighty,2003,eighty,10,5.0/10,50
            Five Points,2004,50%,10,7.4/5,50
            Extra,2004,50%,10,5.0/10,50,extra
            Ancient,1492,50%,10,5.0/10,50

            """.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(2, rows.Table.RowCount);
        Assert.Equal(["matrix", "heat"], rows.Table["title_key"].Values.Cast<string>());
        Assert.Equal([88d, null], rows.Table["rotten_tomatoes_percent"].Values.Cast<double?>());
        Assert.Equal([1234L, 80L], rows.Table["critic_review_count"].Values.Cast<long?>());
        Assert.Equal([7.9, null], rows.Table["critic_average_rating"].Values.Cast<double?>());
        Assert.Equal([73L, null], rows.Table["metascore"].Values.Cast<long?>());
        Assert.Equal(new Dictionary<int, string>
        {
            [2] = ProviderRejectReasons.DuplicateKey,
            [4] = ProviderRejectReasons.MissingJoinKey,
            [5] = ProviderRejectReasons.UnparsableValue,
            [6] = ProviderRejectReasons.UnparsableValue,
            [7] = ProviderRejectReasons.MalformedRow,
            [8] = ProviderRejectReasons.OutOfRange,
        }, rows.Rejects.ToDictionary(r => r.Row, r => r.Reason));
    }

    [Fact]
    public void Csv_BoxOfficeParts_MergeIntoOneTableByTitleAndYear()
    {
        var domestic = Rows("box_office", "domestic-1.csv", "Title,Year,Domestic Gross,Opening Weekend,Release Date,Distributor\nHeat,1995,\"$67,436,818\",$8.4M,12/15/1995,Warner Bros.\nAlien,1979,$80931801,N/A,05/25/1979,Fox\n");
        var international = Rows("box_office", "international-1.csv", "Title,Year,International Gross,Worldwide Gross\nHEAT,1995,USD 120 million,\"$187,436,818\"\nSolo,2018,$1,$2\n");
        var financials = Rows("box_office", "financials-1.csv", "Movie,Year,Budget (USD millions)\nheat,1995,60\n");
        var provider = Catalog.Find("box_office")!;

        var table = ProviderTableMerger.Merge(provider, [(provider.Parts[2], financials.Table), (provider.Parts[0], domestic.Table), (provider.Parts[1], international.Table)]);

        Assert.Equal(["alien", "heat", "solo"], table["title_key"].Values.Cast<string>());
        Assert.Equal(["Alien", "Heat", "Solo"], table["title"].Values.Cast<string>());
        Assert.Equal([80_931_801L, 67_436_818L, null], table["domestic_gross_usd"].Values.Cast<long?>());
        Assert.Equal([null, 120_000_000L, 1L], table["international_gross_usd"].Values.Cast<long?>());
        Assert.Equal([null, 60_000_000L, null], table["production_budget_usd"].Values.Cast<long?>());
        Assert.Equal([null, 8_400_000L, null], table["opening_weekend_usd"].Values.Cast<long?>());
        Assert.Equal([new DateOnly(1979, 5, 25), new DateOnly(1995, 12, 15), null], table["released"].Values.Cast<DateOnly?>());
        Assert.Equal("20261123-x-000001:1; 20261123-x-000001:1; 20261123-x-000001:1", table["source_rows"][1]);
        Assert.Equal(["imdb_id", "title", "year", "title_key", "domestic_gross_usd", "opening_weekend_usd", "released", "distributor", "international_gross_usd", "worldwide_gross_usd", "production_budget_usd", "source_rows"],
            table.ColumnNames);
    }

    [Theory]
    [InlineData("critic_aggregates", "critics-1.csv", "Film,Year\nHeat,1995\n", "has no column 'Release Year'")]
    [InlineData("critic_aggregates", "critics-1.csv", "", "is empty")]
    [InlineData("critic_aggregates", "critics-1.csv", "Film,Release Year,Tomatometer,Critic Reviews,Average Rating,Metascore\n\"Heat\"x,1995,1,1,1,1\n", "is not readable CSV")]
    [InlineData("audience_ratings", "ratings.json", "{ \"ratings\": [ { ] }", "is not valid JSON")]
    [InlineData("audience_ratings", "ratings.json", "{ \"scores\": [] }", "has no 'ratings'")]
    [InlineData("audience_ratings", "ratings.json", "{ \"ratings\": {} }", "'ratings' is not an array of rows")]
    public void Read_FileNotAsDeclared_RefusedWhole(string provider, string file, string content, string expected)
    {
        var error = Assert.Throws<PipelineInputException>(() => Rows(provider, file, content));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{provider} file '{file}'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The bundled sample files, as the data README describes them: their rows and golden rejects by reason.</summary>
    [Theory]
    [InlineData("audience_ratings", "ratings-2026-11-20.json", 2831, "duplicate_key 14, invalid_imdb_id 1, malformed_row 1, missing_join_key 1, out_of_range 11, unparsable_value 1")]
    [InlineData("critic_aggregates", "critics-2026-11-21.csv", 2433, "duplicate_key 20, malformed_row 1, missing_join_key 1, out_of_range 8, unparsable_value 1")]
    [InlineData("box_office", "domestic-2026-11-22.csv", 3018, "out_of_range 9, unparsable_value 1")]
    [InlineData("box_office", "international-2026-11-22.csv", 2709, "out_of_range 8")]
    [InlineData("box_office", "financials-2026-11-22.csv", 2722, "out_of_range 7, unparsable_value 1")]
    public void SampleFile_RowsAndRejectsByReason(string provider, string file, int rows, string rejects)
    {
        var parsed = Rows(provider, file, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "sample", "providers", provider, file)));

        Assert.Equal(rows, parsed.Table.RowCount + parsed.Rejects.Count);
        Assert.Equal(rejects, string.Join(", ", parsed.Rejects.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
    }
}

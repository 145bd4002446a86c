using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Report;

/// <summary>Renders a run's HTML report from the run's silver manifest, the bronze manifest it names, its rejects
/// and its silver rows. Promotions publish it in the gold commit (<see cref="RunReportPage.AddTo"/>:
/// <c>gold/reports/{runId}.html</c> and <c>gold/reports/latest.html</c>, by <c>movies run</c>, <c>movies promote</c>
/// and the gold trigger); <c>movies report</c> writes the run's own page. Reads O(run); the page depends only on
/// those inputs, so rendering a run's report again gives the same bytes.</summary>
public sealed class RunReportWriter(ILakeStore lake, IOptions<GoldOptions> gold, ILogger<RunReportWriter> logger)
{
    /// <summary>The report of the run whose silver manifest this is.</summary>
    public async Task<RunReportPage> RenderAsync(string silverManifestBlobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silverManifestBlobName);
        if (!SilverPaths.IsManifest(silverManifestBlobName))
        {
            throw new PipelineInputException($"'{silverManifestBlobName}' is not a silver run manifest ({{yyyy}}/{{MM}}/{{dd}}/{{runId}}/{SilverPaths.ManifestFileName}).");
        }

        var silver = await lake.ReadJsonAsync(LakeContainers.Silver, silverManifestBlobName, PipelineJsonContext.Blobs.SilverManifest, cancellationToken)
            ?? throw new PipelineInputException($"No silver manifest at silver/{silverManifestBlobName}; promote the run first.");
        // The manifest's movies are counted as they stream in, and silver is read as columns: the run's 100,000
        // outcomes and films are never held as objects.
        var movies = new ManifestTally();
        var bronze = await lake.ReadJsonItemsAsync(LakeContainers.Bronze, silver.BronzeManifest, PipelineJsonContext.Blobs.RunManifest, "movies",
                PipelineJsonContext.Blobs.MovieOutcome, movies.Add, cancellationToken)
            ?? throw new InvalidDataException($"Silver manifest {silverManifestBlobName} names bronze/{silver.BronzeManifest}, which does not exist.");
        var (films, nulls) = await ReadFilmsAsync(silver, silverManifestBlobName, cancellationToken);
        var rejects = ReadRejects(await lake.DownloadAsync(LakeContainers.Silver, silver.RejectsBlob, cancellationToken));

        var report = RunReportBuilder.Build(bronze, movies, silver, films, nulls, rejects, gold.Value.RejectThresholdPercent);
        return new RunReportPage(silver.RunId, BinaryData.FromString(RunReportHtml.Render(report)));
    }

    /// <summary>Writes the run's own page, <c>gold/reports/{runId}.html</c> (not latest.html, which only a gold
    /// commit publishes), and returns its blob name in gold.</summary>
    public async Task<string> WriteAsync(string silverManifestBlobName, CancellationToken cancellationToken = default)
    {
        var page = await RenderAsync(silverManifestBlobName, cancellationToken);
        await lake.UploadAsync(LakeContainers.Gold, page.Name, page.Html, overwrite: true, cancellationToken);
        Log.Written(logger, page.RunId, page.Name);
        return page.Name;
    }

    // Its own method, so the columns are dropped once tallied.
    private async Task<(SilverTally Films, SilverNullCounts Nulls)> ReadFilmsAsync(SilverManifest silver, string silverManifestBlobName, CancellationToken cancellationToken)
    {
        var content = await lake.DownloadAsync(LakeContainers.Silver, silver.MoviesBlob, cancellationToken)
            ?? throw new InvalidDataException($"Silver manifest {silverManifestBlobName} names silver/{silver.MoviesBlob}, which does not exist.");
        var columns = await ParquetColumns.ReadAsync(content, RunReportBuilder.SilverColumns, cancellationToken);
        return (SilverTally.Of(columns), SilverNullCounts.Of(columns));
    }

    private static List<SilverReject> ReadRejects(BinaryData? content)
    {
        var rejects = new List<SilverReject>();
        if (content is null)
        {
            return rejects;
        }

        foreach (var line in content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                rejects.Add(JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(line), PipelineJsonContext.Lines.SilverReject)
                    ?? throw new InvalidDataException("A rejects line is null."));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"A line of the run's rejects is not a valid reject: {e.Message}", e);
            }
        }

        return rejects;
    }
}

using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Workflow;

/// <summary>Silver then gold for one run, in this process: what the two blob triggers do in Azure, one
/// after the other, with the run's report published in the gold commit. Used by <c>movies run</c> after bronze and
/// by <c>movies promote</c>. Each stage starts on a compacted heap (<see cref="StageBoundary"/>): in one process, a
/// stage's garbage would otherwise add to the next stage's peak.</summary>
public sealed class RunPromoter(ILakeStore lake, SilverPromoter silver, GoldPromoter gold, RunReportWriter report)
{
    public async Task<PromotionResult> PromoteAsync(string bronzeManifestBlobName, CancellationToken cancellationToken = default)
    {
        StageBoundary.Collect();
        var silverResult = await silver.PromoteAsync(bronzeManifestBlobName, cancellationToken);
        StageBoundary.Collect();
        var page = await report.RenderAsync(silverResult.ManifestBlob, cancellationToken);
        StageBoundary.Collect();
        var goldResult = await gold.PromoteAsync(silverResult.ManifestBlob, page.AddTo, cancellationToken);
        return new PromotionResult(silverResult, goldResult, page.Name);
    }

    /// <summary>The bronze manifest of a run, found in O(1): the run's date is <paramref name="date"/> when
    /// given, else the yyyyMMdd its id starts with; no listing of history.</summary>
    public async Task<string> FindBronzeManifestAsync(string runId, DateOnly? date, CancellationToken cancellationToken = default)
    {
        RunIds.Validate(runId);
        var runDate = date ?? (RunIds.TryDateOf(runId, out var d)
            ? d
            : throw new PipelineInputException($"Run id '{runId}' does not start with its date (yyyyMMdd); pass the run's date with --date yyyy-MM-dd."));
        var name = BronzePaths.Manifest(BronzePaths.RunFolder(runDate, runId));
        return await lake.ExistsAsync(LakeContainers.Bronze, name, cancellationToken)
            ? name
            : throw new PipelineInputException($"Run {runId} has no bronze manifest at bronze/{name}.");
    }
}

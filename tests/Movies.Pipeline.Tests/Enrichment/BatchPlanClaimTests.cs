using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Enrichment;

/// <summary>Batch claims on the folder lake are OS locks too: a claim whose holder died (its plan still says claimed,
/// nothing released) is taken over at once, not after <see cref="BatchPlanClaim.ClaimTime"/>; a live holder's claim is
/// waited for, in this process or another, until it is released.</summary>
public sealed class FolderLakeBatchPlanClaimTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private readonly TempFolder _folder = new();
    private readonly FileSystemLakeStore _lake;

    public FolderLakeBatchPlanClaimTests() => _lake = new FileSystemLakeStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ClaimAsync_HolderDiedWithoutReleasing_TakenOverAtOnce()
    {
        // What a killed process leaves: its claim in the plan, unreleased, no outcome, and (being dead) no OS lock.
        var work = await WritePlanAsync("dead", new BatchClaim("a1/dead-holder", 1, Renewals: 2));

        var clock = Stopwatch.StartNew();
        var (claim, finished) = await BatchPlanClaim.ClaimAsync(_lake, work, TimeSpan.FromSeconds(20), NullLogger.Instance, CancellationToken.None);

        await using (claim)
        {
            Assert.Null(finished);
            Assert.True(claim!.TriedBefore);
            Assert.Equal(2, claim.Plan.Claim!.Tries);
            Assert.True(clock.Elapsed < BatchPlanClaim.ClaimTime / 3, $"took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task ClaimAsync_HolderAlive_OtherWaitsThenTakesItOnceReleased()
    {
        var work = await WritePlanAsync("alive", claim: null);
        var (first, _) = await BatchPlanClaim.ClaimAsync(_lake, work, TimeSpan.FromSeconds(10), NullLogger.Instance, CancellationToken.None);

        // Alive: its OS lock is held, however old its plan; the other waits and gives up.
        await Assert.ThrowsAsync<LakeLeaseTimeoutException>(() => BatchPlanClaim.ClaimAsync(_lake, work, TimeSpan.FromSeconds(1.5), NullLogger.Instance, CancellationToken.None));
        var waiting = BatchPlanClaim.ClaimAsync(_lake, work, TimeSpan.FromSeconds(20), NullLogger.Instance, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await first!.DisposeAsync();
        var (second, _) = await waiting.WaitAsync(TimeSpan.FromSeconds(20));

        await using (second)
        {
            Assert.True(second!.TriedBefore);
            Assert.NotEqual(first.Holder, second.Holder);
        }
    }

    private async Task<BatchWork> WritePlanAsync(string runId, BatchClaim? claim)
    {
        var id = $"20261123-{runId}";
        var folder = BronzePaths.RunFolder(Day, id);
        await _lake.WriteJsonAsync(LakeContainers.Bronze, BronzePaths.BatchPlan(folder, 1), new BatchPlan(id, 1, [], claim), PipelineJsonContext.Blobs.BatchPlan, overwrite: true);
        return new BatchWork(id, folder, 1, "a1");
    }
}

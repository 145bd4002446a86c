using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Gold;

namespace Movies.Cli.Bench;

/// <summary>The engine's side of the gold comparison: the real promotion, composed as every <c>movies</c>
/// command composes the engine, on a folder lake holding one silver run, in a process of its own
/// (<c>movies bench gold-engine</c>). Whatever <see cref="GoldPromoter"/> does today is what is measured.</summary>
public static class GoldEngineSide
{
    public static async Task<GoldSideReport> BuildAsync(string lakePath, string silverManifestBlob, CancellationToken cancellationToken = default)
    {
        using var services = CliHost.Build(new Dictionary<string, string?> { ["LAKE_PATH"] = lakePath }, "text", LogLevel.Warning);
        var promoter = services.GetRequiredService<GoldPromoter>();
        var startWorkingSet = ProcessMemory.WorkingSetBytes();
        var clock = Stopwatch.StartNew();
        var result = await promoter.PromoteAsync(silverManifestBlob, cancellationToken);
        clock.Stop();
        return new GoldSideReport(clock.Elapsed.TotalSeconds, startWorkingSet, ProcessMemory.PeakWorkingSetBytes(), result.TableRows);
    }
}

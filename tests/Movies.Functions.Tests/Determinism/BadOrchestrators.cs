using System.Globalization;
using Microsoft.DurableTask;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Determinism;

/// <summary>Orchestrator code as someone might break it: each reaches one thing Durable forbids, some of them a few calls
/// deep, behind a lambda, or behind an interface, to show <see cref="OrchestratorCode"/> finds them there.</summary>
internal static class BadOrchestrators
{
    private static readonly ILakeStore Lake = null!;

    public static async Task<string> ReadsTheClockInAHelper(TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>("Step");
        return Stamp();
    }

    public static Task<string> MakesAGuidInALambda(TaskOrchestrationContext context)
        => context.CallActivityAsync<string>("Step", Describe(() => Guid.NewGuid().ToString("N")));

    public static async Task<bool> ReadsTheLake(TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>("Step");
        return await Lake.ExistsAsync(LakeContainers.Bronze, "x");
    }

    public static async Task<string> LeavesItsThread(TaskOrchestrationContext context)
        => await context.CallActivityAsync<string>("Step").ConfigureAwait(false);

    public static async Task WaitsOnTheWallClock(TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>("Step");
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    /// <summary>The engine's workflow over in-process steps (the CLI's, which do I/O) instead of Durable activities.</summary>
    public static Task<RunOutcome> RunsTheStepsInProcess(TaskOrchestrationContext context)
        => RunWorkflow.RunAsync(new InProcessRunSteps(null!, null!, null!, null, CancellationToken.None), context.GetInput<RunRequest>()!, 4, 100);

    private static string Stamp() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static string Describe(Func<string> make) => make();
}

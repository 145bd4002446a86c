using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Movies.Functions.Starters;
using Movies.Pipeline;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The set-up the app's tests share: Azurite (the collection's), an OMDb stand-in of the test's own, and the
/// app on the real Durable engine under a day of the test's own (its clock's date names its daily run).</summary>
public abstract class AppTests(AzuriteQueuesFixture azurite) : IAsyncLifetime
{
    protected AzuriteQueuesFixture Azurite => azurite;

    protected OmdbStandIn Omdb { get; private set; } = null!;

    public async Task InitializeAsync() => Omdb = await OmdbStandIn.StartAsync();

    public async Task DisposeAsync() => await Omdb.DisposeAsync();

    /// <summary>The app with the test's source (uploaded to the lake), settings and service changes, its clock at 03:00 UTC of <paramref name="day"/>.</summary>
    internal async Task<DurableApp> StartAppAsync(
        DateOnly day,
        IReadOnlyList<string> titles,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<DurableTaskRegistry, OrchestrationJournal>? tasks = null,
        [CallerMemberName] string test = "")
    {
        // The tests of this collection run one at a time: none inherits movies another deferred to the next run.
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(LakeContainers.Bronze).DeleteBlobIfExistsAsync(EnrichmentPaths.DeferredQueue);
        var all = await AppSettings.ForAsync(azurite, Omdb, titles, test);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return await DurableApp.StartAsync(all, s =>
        {
            s.AddSingleton<TimeProvider>(new TestClock(new DateTimeOffset(day, new TimeOnly(3, 0), TimeSpan.Zero)));
            services?.Invoke(s);
        }, tasks);
    }

    /// <summary>What the timer (<c>ScheduledStart</c>) does, returning the starter's decision.</summary>
    internal static Task<DailyStart> StartTodayAsync(DurableApp app)
        => app.Get<DailyRunStarter>().StartAsync(app.Client, startIfNone: true, null, null, CancellationToken.None);

    /// <summary>The app's hourly <c>RetryFailedRun</c> function, as its timer calls it.</summary>
    internal static Task RetryFailedRunAsync(DurableApp app)
        => ActivatorUtilities.CreateInstance<RetryFailedRun>(app.Services).RunAsync(new TimerInfo(), app.Client, CancellationToken.None);

    internal static async Task<RunManifest> ManifestAsync(DurableApp app, string manifestBlob)
        => (await app.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Bronze, manifestBlob, PipelineJsonContext.Blobs.RunManifest))!;

    internal static async Task<List<string>> NamesAsync(DurableApp app, string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var name in app.Get<ILakeStore>().GetNamesAsync(container, prefix))
        {
            names.Add(name);
        }

        return names;
    }

    /// <summary>Waits for <paramref name="condition"/>, polling, up to two minutes (a loaded machine).</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limit, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}

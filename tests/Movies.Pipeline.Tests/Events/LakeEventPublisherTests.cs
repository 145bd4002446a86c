using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Movies.Pipeline.Events;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Events;

public sealed class LakeEventPublisherTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("movies-events-").FullName;

    [Fact]
    public async Task PublishAsync_NewEvent_WritesItUnderEventsContainer()
    {
        var lake = new FileSystemLakeStore(_root);
        var publisher = new LakeEventPublisher(lake, NullLogger<LakeEventPublisher>.Instance);

        await publisher.PublishAsync(PipelineEvent.Create(PipelineEventTypes.RunFailed, "20250102-daily", At, reason: "OMDb rejected the API key"));

        var written = await lake.ReadJsonAsync(LakeContainers.Events, "2025/01/02/20250102-daily/run_failed.json", PipelineJsonContext.Blobs.PipelineEvent);
        Assert.NotNull(written);
        Assert.Equal("20250102-daily:run_failed", written.MessageId);
        Assert.Equal("OMDb rejected the API key", written.Reason);
    }

    [Fact]
    public async Task PublishAsync_SameEventTwice_KeepsTheFirstCopy()
    {
        var lake = new FileSystemLakeStore(_root);
        var publisher = new LakeEventPublisher(lake, NullLogger<LakeEventPublisher>.Instance);

        await publisher.PublishAsync(PipelineEvent.Create(PipelineEventTypes.RunFailed, "20250102-daily", At, reason: "first"));
        await publisher.PublishAsync(PipelineEvent.Create(PipelineEventTypes.RunFailed, "20250102-daily", At.AddMinutes(1), reason: "second"));

        var names = await lake.GetNamesAsync(LakeContainers.Events, "2025/").ToListAsync();
        var written = await lake.ReadJsonAsync(LakeContainers.Events, Assert.Single(names), PipelineJsonContext.Blobs.PipelineEvent);
        Assert.Equal("first", written!.Reason);
    }

    [Fact]
    public void AddMoviesPipeline_NoServiceBus_ResolvesLakePublisher()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["LAKE_PATH"] = _root }).Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMoviesPipeline()
            .BuildServiceProvider();

        Assert.IsType<LakeEventPublisher>(provider.GetRequiredService<IPipelineEventPublisher>());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

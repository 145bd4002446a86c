using System.Net;
using System.Net.Sockets;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Functions.Extensions;
using Movies.Pipeline.Lake;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>
/// The Functions app on the real Durable Task engine, in process (<see cref="DurableTaskTestHost"/>: an in-memory
/// backend behind the engine's gRPC sidecar; replay, sub-orchestrations, timers and retries are the engine's own). The
/// app's orchestrator and activity functions are registered by their <c>[Function]</c> names; the activities' classes
/// come from the app's own registration (<see cref="FunctionsExtensions.AddMoviesFunctions"/>) over the test's settings;
/// every payload goes through the app's serializer, as the worker's data converter.
/// Where this differs from the Functions host: the client is the engine's gRPC <see cref="DurableTaskClient"/> (the
/// host's HTTP management URLs are built by the Durable extension from the request, see <c>StartRunTests</c>); the
/// custom status has no size limit (Azure Storage's task hub refuses one over 16 KB); host.json's hub, versioning and
/// concurrency settings are the host's and do not apply.
/// </summary>
internal sealed class DurableApp : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private DurableApp(DurableTaskTestHost host, OrchestrationJournal journal, CapturedLogs logs, DataConverter converter)
    {
        _host = host;
        Journal = journal;
        Logs = logs;
        Converter = converter;
    }

    public DurableTaskClient Client => _host.Client;

    /// <summary>The app's services, as its activities resolve them.</summary>
    public IServiceProvider Services => _host.Services;

    public OrchestrationJournal Journal { get; }

    public CapturedLogs Logs { get; }

    public DataConverter Converter { get; }

    /// <summary>The serializer the app's registration gives the worker (<c>WorkerOptions.Serializer</c>).</summary>
    public static ObjectSerializer AppSerializer()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddMoviesFunctions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The app's registration sets no worker serializer.");
    }

    /// <param name="settings">The app settings, as app settings or local.settings.json give them.</param>
    /// <param name="services">Changes to the app's services once registered: a clock, a lake with a fault.</param>
    /// <param name="tasks">Replaces some of the app's activities with scripted ones (by the same names).</param>
    public static async Task<DurableApp> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services = null,
        Action<DurableTaskRegistry, OrchestrationJournal>? tasks = null)
    {
        var converter = new WorkerDataConverter(AppSerializer());
        var journal = new OrchestrationJournal(converter);
        var logs = new CapturedLogs();
        var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var scripted = new DurableTaskRegistry();
        tasks?.Invoke(scripted, journal);
        var replaced = scripted.GetActivities().Select(a => a.Key.Name).ToHashSet(StringComparer.Ordinal);

        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                foreach (var orchestrator in AppFunctions.Orchestrators)
                {
                    registry.AddOrchestrator(AppFunctions.NameOf(orchestrator), () => new FunctionOrchestrator(orchestrator, converter, loggerFactory, journal));
                }

                foreach (var activity in AppFunctions.Activities.Where(a => !replaced.Contains(AppFunctions.NameOf(a))))
                {
                    registry.AddActivity(AppFunctions.NameOf(activity), sp => new FunctionActivity(activity, sp, journal));
                }

                tasks?.Invoke(registry, journal);
            },
            new DurableTaskTestHostOptions
            {
                Port = FreePort(),
                LoggerFactory = loggerFactory,
                ConfigureServices = s =>
                {
                    s.AddSingleton<IConfiguration>(configuration);
                    s.AddMoviesFunctions();
                    // The worker and the client pick up a DataConverter from the services (as the extension sets theirs).
                    s.AddSingleton<DataConverter>(converter);
                    services?.Invoke(s);
                },
            });
        return new DurableApp(host, journal, logs, converter);
    }

    /// <summary>Wraps the app's lake (its <c>ILakeStore</c> registration) in <paramref name="wrap"/>: a fault at one write.</summary>
    public static void WrapLake(IServiceCollection services, Func<ILakeStore, ILakeStore> wrap)
    {
        var lake = services.Last(d => d.ServiceType == typeof(ILakeStore));
        var inner = lake.ImplementationFactory ?? throw new InvalidOperationException("The lake is registered by a factory.");
        services.AddSingleton(sp => wrap((ILakeStore)inner(sp)));
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Waits for the instance to finish, within <paramref name="limit"/> (default: two minutes, for a loaded machine).</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

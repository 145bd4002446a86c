using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Movies.Pipeline;

namespace Movies.Cli;

/// <summary>Composes the engine for one CLI command: settings from the environment under their usual
/// names, overridden by what the command line says, and logs on stderr so stdout stays for results.</summary>
public static class CliHost
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> overrides, string logFormat, LogLevel logLevel, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides.Where(kv => kv.Value is not null))
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(logLevel);
            // HttpClient's own lines add nothing to ours and repeat every attempt.
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            logging.AddFilter("Polly", LogLevel.Warning);
            if (string.Equals(logFormat, "json", StringComparison.OrdinalIgnoreCase))
            {
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    // No trailing space: the JSON formatter writes the format as the whole value.
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
            }
            else
            {
                logging.AddSimpleConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.SingleLine = true;
                });
            }

            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        services.AddMoviesPipeline();
        configure?.Invoke(services);
        // Counts lake operations only when `movies bench` asks (MOVIES_BENCH_PROBE); otherwise nothing changes.
        Bench.BenchProbe.Attach(services);
        // Freezes the process after a chosen write only when a test asks (MOVIES_FREEZE_AFTER_WRITE).
        FreezePoint.Attach(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // Outside a generic host nobody runs ValidateOnStart: do it here, so bad settings fail before any work.
        provider.GetService<IStartupValidator>()?.Validate();
        return provider;
    }
}

using Microsoft.Extensions.Logging;

namespace Movies.Functions.Telemetry;

/// <summary>
/// The worker's log levels, in this one place. host.json's <c>logging</c> section sets the levels of the Functions
/// host's own logs only: the isolated worker sends its logs to Application Insights itself, at the levels of its own
/// logging configuration. Without these rules it sends Information of every category (each HttpClient and Azure SDK
/// request among them), and Application Insights' provider keeps only Warning of anything by default. So: the app's
/// and the engine's categories (<c>Movies.*</c>, and <c>Function.*</c> of the worker's function loggers) at
/// Information, everything else at Warning. The rules go first, so a setting such as
/// <c>Logging__LogLevel__Movies.Pipeline.Enrichment=Debug</c> still overrides them.
/// (Issue 22 moves telemetry to OpenTelemetry; these filters stay the worker's.)
/// </summary>
public static class WorkerLogFilters
{
    /// <summary>The filter rule Application Insights' worker package registers for its provider: Warning and above only.</summary>
    public const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>Categories logged at Information; every other category at Warning.</summary>
    public static IReadOnlyList<string> InformationCategories { get; } = ["Movies", "Function"];

    public static void Configure(LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider && rule.CategoryName is null) is { } warningOnly)
        {
            options.Rules.Remove(warningOnly);
        }

        var rules = InformationCategories.Select(category => new LoggerFilterRule(null, category, LogLevel.Information, null))
            .Prepend(new LoggerFilterRule(null, null, LogLevel.Warning, null))
            .ToList();
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            options.Rules.Insert(0, rules[i]);
        }
    }
}

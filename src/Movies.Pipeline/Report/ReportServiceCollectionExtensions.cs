using Microsoft.Extensions.DependencyInjection;

namespace Movies.Pipeline.Report;

public static class ReportServiceCollectionExtensions
{
    /// <summary>Registers the run report writer (it reads <c>REJECT_THRESHOLD_PERCENT</c> through gold's options).</summary>
    public static IServiceCollection AddReport(this IServiceCollection services)
    {
        services.AddSingleton<RunReportWriter>();
        return services;
    }
}

using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace Movies.Functions.Telemetry;

/// <summary>Keeps every Error and Critical log, and every exception, out of Application Insights' adaptive sampling:
/// the sampler leaves alone an item whose sampling percentage is already set, and 100 % means it stands for itself
/// alone. The promotion-failed alert counts Error traces, so a busy minute must not sample them away.</summary>
public sealed class ErrorsNotSampled : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        var error = telemetry switch
        {
            TraceTelemetry trace => trace.SeverityLevel is SeverityLevel.Error or SeverityLevel.Critical,
            ExceptionTelemetry => true,
            _ => false,
        };
        if (error && telemetry is ISupportSampling sampled)
        {
            sampled.SamplingPercentage = 100;
        }
    }
}

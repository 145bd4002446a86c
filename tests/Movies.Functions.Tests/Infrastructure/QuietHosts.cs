using System.Runtime.CompilerServices;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The in-process engine's gRPC sidecar is a default ASP.NET Core host: its request logs at Information, one
/// per work item, would go to the console and cost more than the work. Its logging reads the environment.</summary>
internal static class QuietHosts
{
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
}

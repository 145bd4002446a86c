using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Movies.Functions.Orchestration;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The app's functions, read from its assembly as the worker's generated metadata lists them: every
/// <c>[Function]</c> method, its name, and its trigger.</summary>
internal static class AppFunctions
{
    public static Assembly Assembly { get; } = typeof(MoviesOrchestrator).Assembly;

    public static IReadOnlyList<MethodInfo> All { get; } = [.. Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)];

    public static IReadOnlyList<MethodInfo> Orchestrators { get; } = [.. All.Where(m => HasTrigger<OrchestrationTriggerAttribute>(m))];

    public static IReadOnlyList<MethodInfo> Activities { get; } = [.. All.Where(m => HasTrigger<ActivityTriggerAttribute>(m))];

    public static string NameOf(MethodInfo function) => function.GetCustomAttribute<FunctionAttribute>()!.Name;

    public static MethodInfo Named(string name) => All.Single(m => NameOf(m) == name);

    private static bool HasTrigger<T>(MethodInfo method)
        where T : Attribute => method.GetParameters().Any(p => p.GetCustomAttribute<T>() is not null);
}

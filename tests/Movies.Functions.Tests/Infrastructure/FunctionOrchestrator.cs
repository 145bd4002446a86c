using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>One of the app's static orchestrator functions on the engine, called as the Functions Durable extension
/// calls it: with a <see cref="WorkerOrchestrationContext"/>, the input left undeclared (object) and read through the
/// worker's converter when the function asks for it.</summary>
internal sealed class FunctionOrchestrator(MethodInfo function, DataConverter converter, ILoggerFactory loggerFactory, OrchestrationJournal journal) : ITaskOrchestrator
{
    public Type InputType => typeof(object);

    public Type OutputType => FunctionActivity.ResultType(function);

    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        journal.Episode(context);
        var worker = new WorkerOrchestrationContext(context, converter, loggerFactory, journal);
        return await FunctionActivity.InvokeAsync(function, null, [worker]);
    }
}

/// <summary>One of the app's activity functions on the engine, called as the worker calls it: a new instance of its class
/// from the app's services for each call (constructor injection), the trigger's input in its declared type, and the
/// call's cancellation token.</summary>
internal sealed class FunctionActivity(MethodInfo function, IServiceProvider services, OrchestrationJournal journal) : ITaskActivity
{
    public Type InputType => function.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

    public Type OutputType => ResultType(function);

    public static Type ResultType(MethodInfo method)
        => method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetGenericArguments()[0] : typeof(object);

    public static async Task<object?> InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        Task task;
        try
        {
            task = (Task)method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
    }

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        journal.ActivityRan(AppFunctions.NameOf(function), input);
        await using var scope = services.CreateAsyncScope();
        var target = function.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.DeclaringType!);
        var arguments = function.GetParameters().Select(p => p switch
        {
            _ when p.GetCustomAttribute<ActivityTriggerAttribute>() is not null => input,
            _ when p.ParameterType == typeof(CancellationToken) => CancellationToken.None,
            _ => throw new NotSupportedException($"{function.Name} binds {p.Name}: only the trigger and a cancellation token are supplied here."),
        }).ToArray();
        return await InvokeAsync(function, target, arguments);
    }
}

using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Movies.Functions.Tests.Determinism;

/// <summary>
/// Everything orchestrator functions can reach, read from the compiled IL: the functions, every method of ours they call
/// (the engine's workflow included), the state machines of async methods, lambdas and closures, and virtual or
/// interface calls resolved to the types the reached code constructs. Each call out of our code is checked against what
/// orchestrator code must not do in Durable: read a clock, make a GUID or a random number, wait or sleep, leave the
/// orchestrator's thread, do I/O (files, network, Azure SDKs, the lake, secrets, event publishing), or read settings.
/// </summary>
internal sealed class OrchestratorCode
{
    /// <summary>Calls out of our code that an orchestrator must not make, by the called type (and member, when only some are).</summary>
    private static readonly (string Type, string? Member, string Why)[] Forbidden =
    [
        ("System.DateTime", "get_Now", "wall clock"),
        ("System.DateTime", "get_UtcNow", "wall clock"),
        ("System.DateTime", "get_Today", "wall clock"),
        ("System.DateTimeOffset", "get_Now", "wall clock"),
        ("System.DateTimeOffset", "get_UtcNow", "wall clock"),
        ("System.TimeProvider", null, "wall clock"),
        ("System.Diagnostics.Stopwatch", null, "wall clock"),
        ("System.Environment", "get_TickCount", "wall clock"),
        ("System.Environment", "get_TickCount64", "wall clock"),
        ("System.Environment", "GetEnvironmentVariable", "settings"),
        ("System.Guid", "NewGuid", "GUID"),
        ("System.Guid", "CreateVersion7", "GUID"),
        ("System.Random", null, "randomness"),
        ("System.Security.Cryptography.RandomNumberGenerator", null, "randomness"),
        ("System.Threading.Tasks.Task", "Delay", "wall-clock wait"),
        ("System.Threading.Tasks.Task", "Run", "thread pool"),
        ("System.Threading.Tasks.TaskFactory", null, "thread pool"),
        ("System.Threading.Tasks.Parallel", null, "thread pool"),
        ("System.Threading.Thread", null, "thread"),
        ("System.Threading.ThreadPool", null, "thread pool"),
        ("System.Threading.Timer", null, "wall-clock wait"),
        ("Movies.Pipeline.Events.IPipelineEventPublisher", null, "I/O (events)"),
    ];

    /// <summary>Namespaces whose every call is I/O or settings.</summary>
    private static readonly (string Namespace, string Why)[] ForbiddenNamespaces =
    [
        ("System.IO", "I/O"),
        ("System.Net", "I/O (network)"),
        ("Azure", "I/O (Azure SDK)"),
        ("Movies.Pipeline.Lake", "I/O (the lake)"),
        ("Movies.Pipeline.Secrets", "I/O (secrets)"),
        ("Microsoft.Extensions.Configuration", "settings"),
    ];

    /// <summary>Types of ours inside a forbidden namespace that touch no storage (name checks): their code is followed
    /// and analysed like any other of ours, not refused by where it lives.</summary>
    private static readonly HashSet<string> FollowedInForbiddenNamespaces = new(StringComparer.Ordinal)
    {
        "Movies.Pipeline.Lake.LakeNames",
    };

    private readonly Dictionary<string, AssemblyDefinition> _assemblies = new(StringComparer.Ordinal);
    private readonly Dictionary<MethodDefinition, string> _reachedFrom = [];
    private readonly Queue<MethodDefinition> _work = new();
    private readonly HashSet<TypeDefinition> _constructed = [];
    private readonly List<MethodReference> _virtualCalls = [];
    private readonly List<string> _violations = [];

    private OrchestratorCode()
    {
    }

    /// <summary>What the reached code does that orchestrator code must not, each with the path from a root.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Every method of ours the roots reach, as <c>Type::Method</c>.</summary>
    public IReadOnlyCollection<string> Reached => [.. _reachedFrom.Keys.Select(Name)];

    public static OrchestratorCode Analyse(params MethodInfo[] roots)
    {
        var code = new OrchestratorCode();
        foreach (var root in roots)
        {
            code.Reach(code.Load(root), "(orchestrator function)");
        }

        code.Run();
        return code;
    }

    private static bool IsOurs(TypeReference type) => (type.Scope switch
    {
        ModuleDefinition module => module.Assembly.Name.Name,
        AssemblyNameReference assembly => assembly.Name,
        _ => "",
    }).StartsWith("Movies.", StringComparison.Ordinal);

    /// <summary>State machines, closures and lambda holders: what the compiler made of an async method or a lambda.</summary>
    private static bool IsCompilerGenerated(TypeDefinition type)
        => type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    private static string Name(MethodReference method) => $"{method.DeclaringType.FullName}::{method.Name}";

    private MethodDefinition Load(MethodInfo method)
    {
        var path = method.Module.Assembly.Location;
        if (!_assemblies.TryGetValue(path, out var assembly))
        {
            var resolver = new DefaultAssemblyResolver();
            resolver.AddSearchDirectory(Path.GetDirectoryName(path)!);
            assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters { AssemblyResolver = resolver });
            _assemblies[path] = assembly;
        }

        return (MethodDefinition)assembly.MainModule.LookupToken(method.MetadataToken);
    }

    private void Reach(MethodDefinition method, string from)
    {
        if (_reachedFrom.TryAdd(method, from))
        {
            _work.Enqueue(method);
        }
    }

    private void Run()
    {
        while (true)
        {
            while (_work.TryDequeue(out var method))
            {
                Visit(method);
            }

            // Virtual and interface calls: the overrides in the types the reached code constructs.
            var before = _reachedFrom.Count;
            foreach (var call in _virtualCalls.ToList())
            {
                foreach (var type in _constructed.ToList())
                {
                    if (Implementation(type, call) is { } target)
                    {
                        Reach(target, Name(call));
                    }
                }
            }

            if (_reachedFrom.Count == before && _work.Count == 0)
            {
                return;
            }
        }
    }

    private void Visit(MethodDefinition method)
    {
        if (!method.HasBody)
        {
            return;
        }

        Instruction? previous = null;
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case MethodReference called:
                    Call(method, called, instruction.OpCode, previous);
                    break;
                case FieldReference field when IsOurs(field.DeclaringType) && field.Resolve()?.DeclaringType is { } owner:
                    ReachStaticConstructor(owner, method);
                    break;
                case TypeReference type when IsOurs(type) && type.Resolve() is { } definition && IsCompilerGenerated(definition):
                    ReachAll(definition, method);
                    break;
            }

            previous = instruction;
        }
    }

    private void Call(MethodDefinition caller, MethodReference called, OpCode opCode, Instruction? previous)
    {
        if (ForbiddenUse(called, previous) is { } why)
        {
            _violations.Add($"{why}: {Name(called)} called by {Name(caller)} (reached from {_reachedFrom[caller]})");
            return;
        }

        // async methods start their state machine through the builder's Start<TStateMachine>: reach the machine.
        if (called is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments.Where(IsOurs))
            {
                if (argument.Resolve() is { } machine)
                {
                    ReachAll(machine, caller);
                }
            }
        }

        if (!IsOurs(called.DeclaringType) || called.Resolve() is not { } target)
        {
            return;
        }

        if (opCode == OpCodes.Newobj)
        {
            _constructed.Add(target.DeclaringType);
        }

        if (target.IsVirtual && opCode != OpCodes.Newobj)
        {
            _virtualCalls.Add(target);
        }

        ReachStaticConstructor(target.DeclaringType, caller);
        Reach(target, Name(caller));
    }

    private static string? ForbiddenUse(MethodReference called, Instruction? previous)
    {
        var type = called.DeclaringType.GetElementType().FullName;
        foreach (var (forbiddenType, member, why) in Forbidden)
        {
            if (type == forbiddenType && (member is null || called.Name == member))
            {
                return why;
            }
        }

        foreach (var (ns, why) in ForbiddenNamespaces)
        {
            // A nested type (a lambda's closure, a state machine) is named Outer/<...>.
            if (FollowedInForbiddenNamespaces.Contains(type.Split('/')[0]))
            {
                break;
            }

            if (type == ns || type.StartsWith(ns + ".", StringComparison.Ordinal))
            {
                return why;
            }
        }

        // An await that does not come back to the orchestrator's thread: ConfigureAwait(false), or options without
        // ContinueOnCapturedContext (1).
        if (called.Name == "ConfigureAwait" && type.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal) && previous is { } argument
            && Constant(argument) is { } value && (value & 1) == 0)
        {
            return "leaves the orchestrator's thread";
        }

        return null;
    }

    private static int? Constant(Instruction instruction) => instruction.OpCode.Code switch
    {
        Code.Ldc_I4_0 => 0,
        Code.Ldc_I4_1 => 1,
        Code.Ldc_I4_2 => 2,
        Code.Ldc_I4_3 => 3,
        Code.Ldc_I4_4 => 4,
        Code.Ldc_I4_5 => 5,
        Code.Ldc_I4_6 => 6,
        Code.Ldc_I4_7 => 7,
        Code.Ldc_I4_S => (sbyte)instruction.Operand,
        Code.Ldc_I4 => (int)instruction.Operand,
        _ => null,
    };

    private void ReachAll(TypeDefinition type, MethodDefinition from)
    {
        _constructed.Add(type);
        foreach (var method in type.Methods)
        {
            Reach(method, Name(from));
        }
    }

    private void ReachStaticConstructor(TypeDefinition type, MethodDefinition from)
    {
        if (type.Methods.FirstOrDefault(m => m.IsConstructor && m.IsStatic) is { } cctor)
        {
            Reach(cctor, Name(from));
        }
    }

    /// <summary>The method <paramref name="type"/> runs for a call to <paramref name="call"/>, if it is one of its types'.</summary>
    private static MethodDefinition? Implementation(TypeDefinition type, MethodReference call)
    {
        for (var current = type; current is not null; current = Base(current))
        {
            foreach (var method in current.Methods.Where(m => m.IsVirtual))
            {
                if (method.Overrides.Any(o => Same(o, call)) || (method.Name == call.Name && SameSignature(method, call) && Derives(current, call.DeclaringType)))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static bool Derives(TypeDefinition type, TypeReference baseOrInterface)
    {
        for (var current = type; current is not null; current = Base(current))
        {
            if (current.FullName == baseOrInterface.FullName || current.Interfaces.Any(i => i.InterfaceType.GetElementType().FullName == baseOrInterface.GetElementType().FullName))
            {
                return true;
            }
        }

        return false;
    }

    private static TypeDefinition? Base(TypeDefinition type)
    {
        try
        {
            return type.BaseType is { } baseType && IsOurs(baseType) ? baseType.Resolve() : null;
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    private static bool Same(MethodReference a, MethodReference b)
        => a.Name == b.Name && a.DeclaringType.GetElementType().FullName == b.DeclaringType.GetElementType().FullName && SameSignature(a, b);

    private static bool SameSignature(MethodReference a, MethodReference b)
        => a.Parameters.Count == b.Parameters.Count
            && a.Parameters.Zip(b.Parameters).All(p => p.First.ParameterType.FullName == p.Second.ParameterType.FullName);
}

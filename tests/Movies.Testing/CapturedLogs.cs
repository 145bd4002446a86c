using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Movies.Testing;

/// <summary>Keeps every log line, with its scopes, so tests can check what logs carry and what they never carry.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        private static readonly AsyncLocal<List<object?>?> Scopes = new();

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var previous = Scopes.Value;
            Scopes.Value = [.. previous ?? [], state];
            return new Restore(() => Scopes.Value = previous);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Scopes, the message, and the structured values too: a secret must be in none of them.
            var scopes = string.Join(" ", (Scopes.Value ?? []).Select(Describe));
            owner.Lines.Enqueue($"{logLevel} {category} [{scopes}] {formatter(state, exception)} {Describe(state)} {exception}");
        }

        private static string Describe(object? scope)
            => scope switch
            {
                IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}")),
                _ => scope?.ToString() ?? string.Empty,
            };
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

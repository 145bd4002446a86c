namespace Movies.Cli.Sql;

/// <summary>The user stopped a query (Ctrl+C): exit 1 with this message, not the run commands' "resume" advice.</summary>
public sealed class QueryCancelledException(string message) : Exception(message);

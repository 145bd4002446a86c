using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Movies.Cli.Commands;

/// <summary>Options several commands share: where the lake is, and how to log.</summary>
public static class CommonOptions
{
    public static Option<string?> Lake { get; } = new("--lake") { Description = "Lake folder (setting LAKE_PATH). Default with --sample: ./lake" };

    public static Option<string?> Connection { get; } = new("--connection") { Description = "Blob storage connection string for the lake (setting LakeStorage), e.g. UseDevelopmentStorage=true" };

    public static Option<string> LogFormat { get; } = new("--log-format")
    {
        Description = "Log format on stderr: text or json",
        DefaultValueFactory = _ => "text",
    };

    public static Option<LogLevel?> LogLevel { get; } = new("--log-level") { Description = "Lowest log level shown (default: Warning for text, Information for json)" };

    static CommonOptions()
    {
        LogFormat.AcceptOnlyFromAmong("text", "json");
    }

    public static void AddTo(Command command)
    {
        command.Options.Add(Lake);
        command.Options.Add(Connection);
        command.Options.Add(LogFormat);
        command.Options.Add(LogLevel);
    }

    public static LogLevel LevelOf(ParseResult result)
        => result.GetValue(LogLevel) ?? (result.GetValue(LogFormat) == "json" ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning);

    /// <summary>The lake settings the command line gives: <c>--lake</c> as LAKE_PATH, <c>--connection</c> as LakeStorage.</summary>
    public static Dictionary<string, string?> LakeSettings(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LAKE_PATH"] = result.GetValue(Lake),
            ["LakeStorage"] = result.GetValue(Connection),
        };
    }
}

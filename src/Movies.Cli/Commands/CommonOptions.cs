using System.CommandLine;
using Microsoft.Extensions.Logging;
using Movies.Pipeline;

namespace Movies.Cli.Commands;

/// <summary>Options several commands share: where the lake is, and how to log. The lake rule lives here
/// only, so every command finds the lake the same way.</summary>
public static class CommonOptions
{
    /// <summary>The folder used when nothing names a lake.</summary>
    public const string DefaultLakeFolder = "lake";

    /// <summary>How every command finds the lake; the help and the README say exactly this.</summary>
    public const string LakeRule = "Where the lake is, for every command: --lake DIR or --connection CONN; else the environment's LakeStorage (or LakeStorage__blobServiceUri), then LAKE_PATH; else the folder ./lake.";

    public static Option<string?> Lake { get; } = new("--lake") { Description = "The lake as a local folder (setting LAKE_PATH). " + LakeRule };

    public static Option<string?> Connection { get; } = new("--connection") { Description = "The lake as blob storage: a connection string (setting LakeStorage), e.g. UseDevelopmentStorage=true for Azurite" };

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
        AddLakeTo(command);
        AddLogTo(command);
    }

    public static void AddLakeTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Lake);
        command.Options.Add(Connection);
    }

    public static void AddLogTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(LogFormat);
        command.Options.Add(LogLevel);
    }

    public static LogLevel LevelOf(ParseResult result)
        => result.GetValue(LogLevel) ?? (IsJson(result) ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning);

    public static bool IsJson(ParseResult result) => result.GetValue(LogFormat) == "json";

    /// <summary>The lake settings by <see cref="LakeRule"/>: a flag wins over the environment (and hides the
    /// other kind of lake the environment may name); with neither, <c>./lake</c>.</summary>
    public static Dictionary<string, string?> LakeSettings(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var folder = result.GetValue(Lake);
        var connection = result.GetValue(Connection);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (folder is not null && connection is not null)
        {
            throw new PipelineInputException("Give the lake as --lake DIR or as --connection CONN, not both.");
        }

        if (folder is not null)
        {
            settings["LAKE_PATH"] = folder;
            // An empty value hides a blob lake the environment names, so the flag wins.
            settings["LakeStorage"] = string.Empty;
            settings["LakeStorage:blobServiceUri"] = string.Empty;
        }
        else if (connection is not null)
        {
            settings["LakeStorage"] = connection;
        }
        else if (!IsSet("LakeStorage") && !IsSet("LakeStorage__blobServiceUri") && !IsSet("LAKE_PATH"))
        {
            settings["LAKE_PATH"] = DefaultLakeFolder;
        }

        return settings;
    }

    private static bool IsSet(string variable) => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));
}

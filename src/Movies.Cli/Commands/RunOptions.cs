using System.CommandLine;
using System.Globalization;
using Movies.Pipeline;

namespace Movies.Cli.Commands;

/// <summary>The options that name an existing run (promote, report): its id, and its date when the id does not
/// start with one, so the run's folder is found directly, never by listing history.</summary>
public static class RunOptions
{
    public static Option<string> Run { get; } = new("--run") { Description = "Id of the run", Required = true };

    public static Option<string?> Date { get; } = new("--date") { Description = "The run's date (yyyy-MM-dd), when its id does not start with yyyyMMdd" };

    public static void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Run);
        command.Options.Add(Date);
    }

    /// <summary>The <c>--date</c> given, or null; a value that is not yyyy-MM-dd is bad input.</summary>
    public static DateOnly? DateOf(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Date) is not { } text)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new PipelineInputException($"--date '{text}' is not a date in yyyy-MM-dd.");
    }
}

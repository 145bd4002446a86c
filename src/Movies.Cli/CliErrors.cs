using Microsoft.Extensions.Options;
using Movies.Pipeline;

namespace Movies.Cli;

/// <summary>Turns failures into one clear line on stderr and an exit code; no stack trace as the only message.</summary>
public static class CliErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (PipelineInputException e)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        catch (OptionsValidationException e)
        {
            return Fail(ExitCodes.BadInput, $"Invalid settings: {string.Join(" ", e.Failures)}");
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.RunFailed, "Cancelled. Run again with the same --run-id to resume.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Azure.RequestFailedException or InvalidOperationException or HttpRequestException)
        {
            return Fail(ExitCodes.RunFailed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}

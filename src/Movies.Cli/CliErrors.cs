using Azure;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Movies.Pipeline;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Secrets;

namespace Movies.Cli;

/// <summary>Turns every failure into one clear line on stderr and an exit code, never a stack trace: bad input
/// (settings, arguments, the source) is exit 2; a lease lost while paused (another process published meanwhile) exit 3;
/// a service that cannot be reached, or anything else, exit 1.</summary>
public static class CliErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (Exception e)
        {
            var (code, message) = Describe(e, cancellationToken);
            // Secrets never reach the console: the OMDb key in any form, account keys, SAS signatures.
            Console.Error.WriteLine($"error: {SecretRedaction.Redact(message, Environment.GetEnvironmentVariable("OMDB_API_KEY"))}");
            return code;
        }
    }

    /// <summary>The exit code and the one line to print for a failure.</summary>
    public static (int Code, string Message) Describe(Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            PipelineInputException e => (ExitCodes.BadInput, e.Message),
            OptionsValidationException e => (ExitCodes.BadInput, $"Invalid settings: {string.Join(" ", e.Failures)}"),
            AggregateException e when e.InnerExceptions.Count > 0 && e.InnerExceptions.All(i => i is OptionsValidationException) =>
                (ExitCodes.BadInput, $"Invalid settings: {string.Join(" ", e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures))}"),
            Sql.QueryCancelledException e => (ExitCodes.RunFailed, e.Message),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.RunFailed, "Cancelled. Run again with the same --run-id to resume."),
            LakeLeaseLostException e => (ExitCodes.LeaseLost, e.Message),
            PipelineServiceException e => (ExitCodes.RunFailed, ServiceErrors.FirstLine(e.Message)),
            AuthenticationFailedException e => (ExitCodes.RunFailed, $"Azure sign-in failed (set AZURE_CLIENT_ID or sign in with az login): {ServiceErrors.FirstLine(e.Message)}"),
            RequestFailedException or AggregateException =>
                (ExitCodes.RunFailed, $"The lake's storage could not be reached or refused the request: {ServiceErrors.Describe(exception)}"),
            OperationCanceledException e => (ExitCodes.RunFailed, $"Timed out: {ServiceErrors.FirstLine(e.Message)}"),
            _ => (ExitCodes.RunFailed, $"{exception.GetType().Name}: {ServiceErrors.FirstLine(exception.Message)}"),
        };
    }
}

namespace Movies.Pipeline;

/// <summary>Input a user gave is unusable (settings out of range, a source that is not the expected
/// format). Raised before any work starts; the message says what to change.</summary>
public class PipelineInputException : Exception
{
    public PipelineInputException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

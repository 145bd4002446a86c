namespace Movies.Pipeline.Source;

/// <summary>The source as a whole cannot be read (not JSON, not an array): the run cannot start.</summary>
public sealed class SourceFormatException : PipelineInputException
{
    public SourceFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

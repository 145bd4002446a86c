namespace Movies.Pipeline;

/// <summary>A service the pipeline depends on (Key Vault, the lake's storage) could not be reached or refused us
/// after its retries. The message names the service and says why in one line, with no secret in it.</summary>
public class PipelineServiceException : Exception
{
    public PipelineServiceException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

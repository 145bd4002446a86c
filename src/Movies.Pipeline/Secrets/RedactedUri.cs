namespace Movies.Pipeline.Secrets;

/// <summary>A URI that prints with its key masked; redaction happens only when a log line is written.</summary>
public readonly record struct RedactedUri(Uri? Uri)
{
    public override string ToString() => SecretRedaction.RedactUri(Uri);
}

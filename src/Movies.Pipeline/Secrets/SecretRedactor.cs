using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Movies.Pipeline.Secrets;

/// <summary>The one redactor for text that came from outside (OMDb's answers and errors, provider files' text quoted in
/// reasons, exception messages of services): before such text is stored or logged, every form of every secret this
/// process knows (the OMDb key from <c>OMDB_API_KEY</c>, and each key read from Key Vault as it is read) and any apikey
/// parameter, storage account key or SAS signature are masked (<see cref="SecretRedaction"/>). A singleton: the key
/// providers tell it each key they hand out, so it knows a key before the key is ever sent.</summary>
public sealed class SecretRedactor
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _forms = [];

    public SecretRedactor(IOptions<SecretsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Remember(options.Value.OmdbApiKey);
    }

    /// <summary>A redactor that knows no secret yet: it masks the patterns, and each key it is told of.</summary>
    public SecretRedactor()
    {
    }

    /// <summary>Adds a secret to mask from now on (a key just read, or rotated in).</summary>
    public void Remember(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        lock (_gate)
        {
            if (_secrets.Add(secret))
            {
                _forms = [.. _secrets.SelectMany(SecretRedaction.FormsOf).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(f => f.Length)];
            }
        }
    }

    /// <summary>The text with every known secret and secret-shaped parameter masked; null stays null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text) => text is null ? null : SecretRedaction.RedactForms(text, Volatile.Read(ref _forms));
}

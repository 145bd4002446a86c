using System.Collections;
using System.Globalization;

namespace Movies.Pipeline.Enrichment;

/// <summary>The log scope of one movie's enrichment. Text logs print it as <c>RunId=… Batch=… MovieKey=… Step=…</c>
/// (its <see cref="ToString"/>); structured loggers, the JSON console among them, enumerate it as key/value
/// pairs and keep each as its own field.</summary>
public sealed class MovieLogScope(string runId, int batch, string movieKey, string step) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values =
    [
        new("RunId", runId),
        new("Batch", batch),
        new("MovieKey", movieKey),
        new("Step", step),
    ];

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
        => string.Join(' ', _values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={v.Value}")));
}

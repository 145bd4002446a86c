namespace Movies.Pipeline.Gold;

/// <summary>Summary groups keyed by a name from a film's list column (genres, directors: names joined by
/// <see cref="GoldTables.ListSeparator"/>). A film's names are split, trimmed and looked up without making a string
/// per film; each name counts once per film.</summary>
internal sealed class NameGroups
{
    private readonly Dictionary<string, SummaryAggregate> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SummaryAggregate>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<SummaryAggregate> _film = [];

    public NameGroups() => _lookup = _groups.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The groups of the distinct names in <paramref name="list"/> (as <see cref="GoldTables.Split"/>
    /// splits it); valid until the next call.</summary>
    public IReadOnlyList<SummaryAggregate> Of(string? list)
    {
        _film.Clear();
        var rest = list.AsSpan();
        while (!rest.IsEmpty)
        {
            var at = rest.IndexOf(GoldTables.ListSeparator, StringComparison.Ordinal);
            var name = (at < 0 ? rest : rest[..at]).Trim();
            rest = at < 0 ? [] : rest[(at + GoldTables.ListSeparator.Length)..];
            if (name.IsEmpty)
            {
                continue;
            }

            if (!_lookup.TryGetValue(name, out var group))
            {
                group = new SummaryAggregate();
                _groups.Add(new string(name), group);
            }

            if (!_film.Contains(group))
            {
                _film.Add(group);
            }
        }

        return _film;
    }

    public IEnumerable<(string Name, SummaryAggregate Summary)> Ordered()
        => _groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Value));
}

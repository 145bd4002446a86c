using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>What <see cref="ProviderJoin"/> made: the films with their pipeline columns decided by precedence (what the
/// summaries are computed from), <c>movies_unified</c> (those films plus every provider field and the source of each
/// value where several sources can give it; null without declared providers, when it is the films themselves), the
/// provider rows that matched no film, and each provider's coverage.</summary>
public sealed record ProviderJoinResult(
    IReadOnlyList<MoviesUnifiedRow> Films,
    ColumnTable? Unified,
    IReadOnlyList<UnmatchedProviderRow> Unmatched,
    IReadOnlyList<ProviderCoverageRow> Coverage);

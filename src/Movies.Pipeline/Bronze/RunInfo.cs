using Movies.Pipeline.Source;

namespace Movies.Pipeline.Bronze;

/// <summary>What a run selected, written once by the select step; a rerun with the same id reads it
/// back, so it resumes the same movies with the same start time. <paramref name="Selected"/> movies in all: the
/// deferred queue's first (<paramref name="FromQueue"/>), then the top <paramref name="TopN"/> not already among
/// them; <paramref name="Cached"/> of them were answered from the cache (<see cref="BronzePaths.CachedOutcomes"/>),
/// the others are in the <paramref name="Batches"/> batches. Run info written before the cache reads 0 for the
/// three: its selection was its top N, all in batches.</summary>
public sealed record RunInfo(
    string RunId,
    DateOnly RunDate,
    DateTimeOffset StartedAt,
    int TopN,
    int BatchSize,
    int Batches,
    int MinVotes,
    string Source,
    int SourceRows,
    int RankableMovies,
    IReadOnlyList<SourceReject> SourceRejects,
    int Selected = 0,
    int Cached = 0,
    int FromQueue = 0)
{
    /// <summary>The movies selected, for run info of either age.</summary>
    public int SelectedMovies => Selected > 0 ? Selected : TopN;
}

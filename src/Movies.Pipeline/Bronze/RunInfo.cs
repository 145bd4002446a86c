using Movies.Pipeline.Source;

namespace Movies.Pipeline.Bronze;

/// <summary>What a run selected, written once by the select step; a rerun with the same id reads it
/// back, so it resumes the same movies with the same start time.</summary>
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
    IReadOnlyList<SourceReject> SourceRejects);

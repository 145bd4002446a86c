using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Source;

/// <summary>The select step: reads the source, ranks, takes the movies the deferred queue holds first and then the
/// top N, answers from the cache those it can (<see cref="AnswerCache"/>: written to <c>_cached.json</c>, in no
/// batch), and writes the run's plan for the rest (one blob per batch, then the run info). A rerun of a run id reuses
/// the plan it finds, so it resumes the same movies. Two processes starting one run id at once are serialized by a
/// lease on the run (<c>_run.lock</c>): the second finds the first's plan and resumes it, or, asked for other settings,
/// is refused as bad input.</summary>
public sealed class MovieSelector(ILakeStore lake, AnswerCache cache, DeferredMovies deferred, IOptions<SelectionOptions> selection, IOptions<AnswerCacheOptions> cacheOptions,
    ILogger<MovieSelector> logger)
{
    /// <summary>How long a run waits for another process that is writing the same run's plan.</summary>
    public static readonly TimeSpan ClaimWait = TimeSpan.FromMinutes(2);

    public async Task<RunPlan> SelectAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = BronzePaths.RunFolder(request.RunDate, request.RunId);
        var (existing, selected) = await PrepareAsync(request, folder, cancellationToken);
        if (existing is not null)
        {
            return Resume(existing, folder);
        }

        // Claim the run, then look again: another process may have planned it while we read the source.
        await using var claim = await lake.AcquireLeaseAsync(LakeContainers.Bronze, BronzePaths.RunLock(folder), ClaimWait, cancellationToken);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, claim.Lost);
        existing = await ReadRunInfoAsync(folder, held.Token);
        if (existing is not null)
        {
            CheckSameSettings(existing, request);
            return Resume(existing, folder);
        }

        // The deferred queue first, as the runs that deferred them planned them; then the top N not among them. The
        // source is dropped once planned, and a cached movie's source row once the cache answered it: an async
        // method's locals live until it ends, so the big ones stay in the helpers (a 100,000-film day holds only
        // what it writes).
        var waiting = (await deferred.ReadAsync(held.Token)).Movies;
        var (planned, fromQueue, source) = Plan(selected!.Value, waiting, request.TopN);
        selected = null;
        var (cached, lookups) = SplitByCache(planned, await cache.FindAsync(planned.Select(m => m.MovieKey).ToHashSet(StringComparer.Ordinal), request.StartedAt, held.Token));
        var selectedCount = planned.Count;
        planned.Clear();

        var batches = SelectionRules.Split(lookups, request.BatchSize);
        for (var i = 0; i < batches.Count; i++)
        {
            await lake.WriteJsonAsync(LakeContainers.Bronze, BronzePaths.BatchPlan(folder, i + 1), new BatchPlan(request.RunId, i + 1, [.. batches[i].Select(m => m.ToPlanned())]), PipelineJsonContext.Blobs.BatchPlan, overwrite: true, held.Token);
        }

        if (cached.Count > 0)
        {
            await lake.WriteJsonStreamAsync(LakeContainers.Bronze, BronzePaths.CachedOutcomes(folder), new CachedOutcomes(request.RunId, cached), PipelineJsonContext.Lines.CachedOutcomes, held.Token);
        }

        // Written last: its presence means the whole plan is in place.
        var info = new RunInfo(request.RunId, request.RunDate, request.StartedAt, request.TopN, request.BatchSize, batches.Count,
            selection.Value.MinVotes, source.Name, source.Rows, source.Ranked, source.Rejects, selectedCount, cached.Count, fromQueue);
        await lake.WriteJsonAsync(LakeContainers.Bronze, BronzePaths.RunInfo(folder), info, PipelineJsonContext.Blobs.RunInfo, overwrite: false, held.Token);
        Log.Selected(logger, request.RunId, selectedCount, fromQueue, cached.Count, batches.Count, source.Rows, source.Rejects.Count, source.Unranked);
        return ToPlan(info, folder, resumed: false);
    }

    /// <summary>Everything <see cref="SelectAsync"/> would refuse as bad input (settings, source, a run id taken
    /// with other settings), checked without writing anything: a caller can refuse a run before it announces it.</summary>
    public async Task ValidateAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await PrepareAsync(request, BronzePaths.RunFolder(request.RunDate, request.RunId), cancellationToken);
    }

    /// <summary>The run's existing plan (same settings as asked), or the ranked source to plan from.</summary>
    private async Task<(RunInfo? Existing, (SourceDataset Dataset, string Name, IReadOnlyList<RankedMovie> Ranked)? Selected)> PrepareAsync(
        RunRequest request, string folder, CancellationToken cancellationToken)
    {
        RunIds.Validate(request.RunId);
        // The cheap checks first, before anything is read.
        SelectionRules.Validate(request.TopN, request.BatchSize, int.MaxValue);
        var existing = await ReadRunInfoAsync(folder, cancellationToken);
        if (existing is not null)
        {
            CheckSameSettings(existing, request);
            return (existing, null);
        }

        var (dataset, sourceName) = await ReadSourceAsync(cancellationToken);
        var ranked = MovieRanker.Rank(dataset.Movies, selection.Value.MinVotes);
        SelectionRules.Validate(request.TopN, request.BatchSize, ranked.Count);
        return (null, (dataset, sourceName, ranked));
    }

    private Task<RunInfo?> ReadRunInfoAsync(string folder, CancellationToken cancellationToken)
        => lake.ReadJsonAsync(LakeContainers.Bronze, BronzePaths.RunInfo(folder), PipelineJsonContext.Blobs.RunInfo, cancellationToken);

    private static void CheckSameSettings(RunInfo existing, RunRequest request)
    {
        if (existing.TopN != request.TopN || existing.BatchSize != request.BatchSize)
        {
            throw new PipelineInputException($"Run {request.RunId} already exists with TOP_N {existing.TopN} and BATCH_SIZE {existing.BatchSize}; resume it with those values or choose another run id.");
        }
    }

    private RunPlan Resume(RunInfo existing, string folder)
    {
        Log.PlanResumed(logger, existing.RunId, existing.Batches);
        return ToPlan(existing, folder, resumed: true);
    }

    private async Task<(SourceDataset Dataset, string Name)> ReadSourceAsync(CancellationToken cancellationToken)
    {
        var options = selection.Value;
        if (!string.IsNullOrWhiteSpace(options.SourcePath))
        {
            if (!File.Exists(options.SourcePath))
            {
                throw new PipelineInputException($"Source file '{options.SourcePath}' does not exist.");
            }

            return (SourceReader.Read(new BinaryData(await File.ReadAllBytesAsync(options.SourcePath, cancellationToken))), Path.GetFileName(options.SourcePath));
        }

        var slash = options.SourceBlob.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == options.SourceBlob.Length - 1)
        {
            throw new PipelineInputException($"SOURCE_BLOB '{options.SourceBlob}' must be 'container/name', such as 'source/movies.json'.");
        }

        var container = options.SourceBlob[..slash];
        var name = options.SourceBlob[(slash + 1)..];
        var content = await lake.DownloadAsync(container, name, cancellationToken)
            ?? throw new PipelineInputException($"Source blob '{options.SourceBlob}' does not exist in the lake.");
        return (SourceReader.Read(content), options.SourceBlob);
    }

    /// <summary>The run's movies in order (the deferred queue's, then the top N not among them), how many came from the
    /// queue, and what the run info says of the source.</summary>
    private static (List<Candidate> Planned, int FromQueue, SourceCounts Source) Plan((SourceDataset Dataset, string Name, IReadOnlyList<RankedMovie> Ranked) selected,
        IReadOnlyList<DeferredMovie> waiting, int topN)
    {
        var (dataset, name, ranked) = selected;
        var planned = new List<Candidate>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var movie in waiting)
        {
            if (keys.Add(movie.Movie.MovieKey))
            {
                planned.Add(new Candidate(movie.Movie, null));
            }
        }

        var fromQueue = planned.Count;
        foreach (var r in ranked.Take(topN))
        {
            if (keys.Add(r.MovieKey))
            {
                planned.Add(new Candidate(null, r));
            }
        }

        return (planned, fromQueue, new SourceCounts(name, dataset.RowCount, ranked.Count, dataset.Movies.Count - ranked.Count, dataset.Rejects));
    }

    /// <summary>The movies the cache answered (as outcomes; the reasons of one earlier run's answers share one string)
    /// and the rest, to look up, in the run's order.</summary>
    private (List<MovieOutcome> Cached, List<Candidate> Lookups) SplitByCache(List<Candidate> planned, IReadOnlyDictionary<string, CachedAnswer> answers)
    {
        var cached = new List<MovieOutcome>(answers.Count);
        var lookups = new List<Candidate>(planned.Count - answers.Count);
        var reasons = new Dictionary<(string RunId, string Outcome, string? Reason, DateOnly Day), string>();
        foreach (var movie in planned)
        {
            if (answers.TryGetValue(movie.MovieKey, out var answer))
            {
                cached.Add(FromCache(movie, answer, reasons));
            }
            else
            {
                lookups.Add(movie);
            }
        }

        return (cached, lookups);
    }

    /// <summary>A selected movie: a deferred one as the run that deferred it planned it, or a ranked source row, made into
    /// its plan entry only when its batch plan is written, so the rows' text is never held for every movie at once.</summary>
    private sealed record Candidate(PlannedMovie? Queued, RankedMovie? Ranked)
    {
        public string MovieKey => Queued?.MovieKey ?? Ranked!.MovieKey;

        public string Title => Queued?.Title ?? Ranked!.Movie.Title;

        public int? Year => Queued is null ? Ranked!.Movie.Year : Queued.Year;

        public PlannedMovie ToPlanned()
            => Queued ?? new PlannedMovie(Ranked!.Rank, Ranked.MovieKey, Ranked.Movie.Title, Ranked.Movie.Year, Ranked.WeightedRating, Ranked.Movie.Index, Ranked.Movie.RowJson);
    }

    /// <summary>What the run info and the log say of the source, kept once the source itself is dropped.</summary>
    private sealed record SourceCounts(string Name, int Rows, int Ranked, int Unranked, IReadOnlyList<SourceReject> Rejects);

    /// <summary>A movie the cache answered: cached (naming the earlier run's bronze blob) or not found, without a lookup.</summary>
    private MovieOutcome FromCache(Candidate movie, CachedAnswer answer, Dictionary<(string RunId, string Outcome, string? Reason, DateOnly Day), string> reasons)
    {
        var c = CultureInfo.InvariantCulture;
        var days = cacheOptions.Value;
        var fetched = answer.Outcome == MovieOutcomes.Fetched;
        var key = (answer.RunId, answer.Outcome, fetched ? null : answer.Reason, DateOnly.FromDateTime(answer.AnsweredAt.Date));
        if (!reasons.TryGetValue(key, out var reason))
        {
            reason = fetched
                ? string.Create(c, $"answered by run {answer.RunId} on {answer.AnsweredAt:yyyy-MM-dd}; looked up again after REFRESH_AFTER_DAYS ({days.RefreshAfterDays})")
                : string.Create(c, $"{answer.Reason ?? "not found"} (cached: answered by run {answer.RunId} on {answer.AnsweredAt:yyyy-MM-dd}; asked again after NOT_FOUND_RETRY_DAYS ({days.NotFoundRetryDays}))");
            reasons.Add(key, reason);
        }

        return fetched
            ? new MovieOutcome(movie.MovieKey, movie.Title, movie.Year, 0, MovieOutcomes.Cached, answer.Blob, reason, 0, answer.ImdbId, answer.AnsweredAt)
            : new MovieOutcome(movie.MovieKey, movie.Title, movie.Year, 0, MovieOutcomes.NotFound, null, reason, 0, null, answer.AnsweredAt);
    }

    private static RunPlan ToPlan(RunInfo info, string folder, bool resumed)
        => new(info.RunId, folder, info.TopN, info.BatchSize, info.Batches, info.SourceRows, info.SourceRejects.Count, resumed, info.SelectedMovies, info.Cached, info.FromQueue);
}

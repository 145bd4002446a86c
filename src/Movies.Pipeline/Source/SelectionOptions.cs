using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Source;

/// <summary>What a run selects and where it reads the source from.</summary>
public sealed class SelectionOptions
{
    [ConfigurationKeyName("TOP_N")]
    public int TopN { get; set; } = 20;

    [ConfigurationKeyName("BATCH_SIZE")]
    public int BatchSize { get; set; } = 5;

    /// <summary>The m of the IMDb weighted rating: votes needed before a film's own rating dominates.</summary>
    [ConfigurationKeyName("MIN_VOTES")]
    [Range(0, int.MaxValue)]
    public int MinVotes { get; set; } = 1000;

    /// <summary>The source dataset as a lake blob (<c>container/name</c>).</summary>
    [ConfigurationKeyName("SOURCE_BLOB")]
    public string SourceBlob { get; set; } = "source/movies.json";

    /// <summary>A local source file; when set it wins over <see cref="SourceBlob"/> (CLI only).</summary>
    [ConfigurationKeyName("SOURCE_PATH")]
    public string? SourcePath { get; set; }
}

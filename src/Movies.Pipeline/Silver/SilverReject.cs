namespace Movies.Pipeline.Silver;

/// <summary>A bronze record kept out of silver: one line of the run's <c>rejects.jsonl</c>.</summary>
public sealed record SilverReject(string RunId, string MovieKey, string BronzeBlob, string Reason, string Detail);

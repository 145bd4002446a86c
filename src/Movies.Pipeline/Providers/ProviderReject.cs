namespace Movies.Pipeline.Providers;

/// <summary>A provider row kept out of silver: one line of the file's <c>rejects.jsonl</c>. <paramref name="Row"/> is the
/// row's number in the file (1 = the first row of data).</summary>
public sealed record ProviderReject(string Provider, string Part, string ArrivalId, int Row, string Reason, string Detail);

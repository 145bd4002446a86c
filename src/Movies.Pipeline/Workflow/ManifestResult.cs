using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

public sealed record ManifestResult(string ManifestBlob, int Movies, OutcomeCounts Counts);

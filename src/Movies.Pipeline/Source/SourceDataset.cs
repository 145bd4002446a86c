namespace Movies.Pipeline.Source;

public sealed record SourceDataset(IReadOnlyList<SourceMovie> Movies, IReadOnlyList<SourceReject> Rejects)
{
    public int RowCount => Movies.Count + Rejects.Count;
}

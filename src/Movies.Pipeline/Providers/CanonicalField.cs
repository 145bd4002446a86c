namespace Movies.Pipeline.Providers;

/// <summary>A declared canonical field, validated: <paramref name="Precedence"/> lists every source that can supply
/// it, the first with a value winning (<see cref="ProviderCatalog.Pipeline"/> names the daily runs' own value).</summary>
public sealed record CanonicalField(string Name, FieldType Type, string? Unit, string? Description, IReadOnlyList<string> Precedence)
{
    /// <summary>True when the field is a column the daily runs already fill in gold (see <see cref="PipelineColumns"/>).</summary>
    public bool IsPipelineColumn => PipelineColumns.TypeOf(Name) is not null;

    /// <summary>True when more than one source can supply the field: gold then says which one each value came from.</summary>
    public bool HasSourceColumn => Precedence.Count > 1;

    /// <summary>The gold column naming the source of each value (<c>{name}_source</c>).</summary>
    public string SourceColumn => Name + "_source";
}

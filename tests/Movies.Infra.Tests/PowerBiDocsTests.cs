namespace Movies.Infra.Tests;

/// <summary>Power BI's access as the docs describe it matches the RBAC Bicep grants: Reader on the gold container,
/// so the query must open the container, not the account (listing containers needs an account-level role), and
/// the lake has no hierarchical namespace, so no Data Lake Storage Gen2 (dfs) connector.</summary>
public sealed class PowerBiDocsTests
{
    private static string Read(params string[] path) => File.ReadAllText(RepositoryRoot.Combine(path));

    [Fact]
    public void GoldQuery_OpensTheGoldContainerNotTheAccount()
    {
        var query = string.Join("\n", Read("docs", "powerbi", "gold.pq").Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

        Assert.Contains("AzureStorage.Blobs(", query, StringComparison.Ordinal);
        Assert.Contains("/gold\"", query, StringComparison.Ordinal);
        Assert.DoesNotContain("{[Name = \"gold\"]}", query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docs", "powerbi.md")]
    [InlineData("docs", "deploy.md")]
    public void PowerBiDocs_NeverPointAtTheDfsEndpoint(string folder, string file)
    {
        var text = Read(folder, file);

        Assert.DoesNotContain("dfs.core.windows.net", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("LAKE_DFS_ENDPOINT", text, StringComparison.Ordinal);
    }
}

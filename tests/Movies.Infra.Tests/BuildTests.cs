namespace Movies.Infra.Tests;

[Collection(CompiledMainTemplateCollection.Name)]
public sealed class BuildTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void Build_MainBicep_Succeeds()
    {
        Assert.True(compiled.Build.ExitCode == 0, $"bicep build failed:\n{compiled.Build.StandardError}");
        Assert.NotEmpty(compiled.Resources);
    }

    [Fact]
    public void Build_MainBicep_HasNoWarnings()
    {
        Assert.True(compiled.Build.ExitCode == 0, compiled.Build.StandardError);
        Assert.Empty(compiled.Build.Diagnostics);
    }

    [Fact]
    public async Task Lint_MainBicep_IsClean()
    {
        var lint = await BicepCli.RunAsync("lint", CompiledMainTemplate.MainBicep);

        Assert.True(lint.ExitCode == 0, $"bicep lint failed:\n{lint.StandardError}");
        Assert.Empty(lint.Diagnostics);
    }

    [Fact]
    public void Diagnostics_WarningOnStandardError_AreReported()
    {
        var result = new BicepResult(
            0,
            "{}",
            "/infra/main.bicep(1,1) : Warning no-unused-params: Parameter \"x\" is declared but never used.\n");

        Assert.Single(result.Diagnostics);
    }
}

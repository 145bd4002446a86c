using Movies.Cli.Bench;

namespace Movies.Pipeline.Tests.Cli.Bench;

public sealed class MachineTests
{
    [Fact]
    public void Describe_NamesTheBuild_FrameworkDependentForTheTestHost()
    {
        // The tests run on the shared framework: nothing of it lies beside the app, and there is no composite image.
        Assert.Equal("framework-dependent build", Machine.Build());
        Assert.Contains(", framework-dependent build", Machine.Describe(), StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Resilience;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Tests.Resilience;

public sealed class ResilienceOptionsTests : IDisposable
{
    private readonly string _lake = Directory.CreateTempSubdirectory("movies-resilience-").FullName;

    private ServiceProvider Build(string baseDelay)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LAKE_PATH"] = _lake,
            ["BASE_DELAY_SECONDS"] = baseDelay,
            ["OMDB_API_KEY"] = "k",
            ["KEY_VAULT_URI"] = "https://kv-test.vault.azure.net/",
        }).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddMoviesPipeline()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void BaseDelaySecondsZero_IsValidAndEveryClientTakesIt()
    {
        using var services = Build("0");
        services.GetRequiredService<IStartupValidator>().Validate();
        var resilience = services.GetRequiredService<IOptions<ResilienceOptions>>().Value;

        Assert.Equal(TimeSpan.Zero, resilience.BaseDelay);
        // The OMDb pipeline (Polly), the blob client and the Key Vault client are all built with it.
        Assert.NotNull(services.GetRequiredService<OmdbClient>());
        Assert.NotNull(LakeServiceCollectionExtensions.CreateServiceClient(new LakeOptions { ConnectionString = "UseDevelopmentStorage=true" }, resilience));
        Assert.NotNull(SecretsServiceCollectionExtensions.CreateSecretClient(services.GetRequiredService<IOptions<SecretsOptions>>().Value, resilience));
        Assert.Equal(TimeSpan.Zero, new StepRetryRules(resilience.MaxRetries, resilience.BaseDelaySeconds).NextDelay(1, TimeSpan.Zero, _ => false));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("61")]
    public void BaseDelaySeconds_OutOfRange_FailsValidation(string value)
    {
        using var services = Build(value);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("BaseDelaySeconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0.001)]
    [InlineData(0.0001, 0.001)]
    [InlineData(2, 2)]
    public void PositiveBaseDelay_ZeroOrTiny_ClampedToOneMillisecond(double seconds, double expected)
    {
        var options = new ResilienceOptions { BaseDelaySeconds = seconds };

        Assert.Equal(TimeSpan.FromSeconds(expected), options.PositiveBaseDelay);
        Assert.True(options.PositiveBaseDelay >= ResilienceOptions.MinimumPositiveDelay);
    }

    public void Dispose() => Directory.Delete(_lake, recursive: true);
}

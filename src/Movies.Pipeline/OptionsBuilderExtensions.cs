using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Movies.Pipeline;

public static class OptionsBuilderExtensions
{
    /// <summary>Binds options from the configuration root, where the flat setting names live
    /// (<c>MAX_RETRIES</c>, <c>TOP_N</c>...), and validates their data annotations at start.</summary>
    public static OptionsBuilder<T> BindFlatConfiguration<T>(this OptionsBuilder<T> builder)
        where T : class
        => builder.Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateDataAnnotations();
}

using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Movies.Functions.Extensions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddMoviesFunctions();
builder.Build().Run();

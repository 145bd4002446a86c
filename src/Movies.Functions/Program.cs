using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Movies.Functions.Extensions;
using Movies.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddWorkerTelemetry();
builder.Services.AddMoviesFunctions();
builder.Build().Run();

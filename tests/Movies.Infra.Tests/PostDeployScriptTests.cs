using System.Diagnostics;

namespace Movies.Infra.Tests;

/// <summary>scripts/post-deploy.sh against a stand-in <c>az</c> on PATH that records every call and keeps the
/// function app's system keys in a file, as the real one keeps them in the app: run twice, as azd may.</summary>
public sealed class PostDeployScriptTests : IDisposable
{
    private const string Subscription = "00000000-1111-2222-3333-444444444444";
    private readonly string _dir = Directory.CreateTempSubdirectory("movies-postdeploy-").FullName;

    private const string FakeAz = """
        #!/usr/bin/env bash
        # Stand-in for the Azure CLI: records its arguments, keeps the system key in a file.
        set -euo pipefail
        state="$(dirname "$0")"
        echo "$*" >> "$state/calls.log"
        case "$1 $2 ${3:-}" in
          "functionapp keys list") [[ -f "$state/key" ]] && cat "$state/key"; exit 0 ;;
          "functionapp keys set")
            # Without --key-value the real command generates a new value, replacing an existing key.
            echo "key-$(date +%s%N)" > "$state/key"; exit 0 ;;
        esac
        if [[ "$1" == "rest" ]]; then
          for arg in "$@"; do
            if [[ "$arg" == @* ]]; then cat "${arg#@}" >> "$state/bodies.log"; fi
          done
          if [[ " $* " == *" --method get "* ]]; then echo Succeeded; fi
          exit 0
        fi
        echo "unexpected az call: $*" >&2
        exit 3
        """;

    private (int ExitCode, string Output) Run()
    {
        var start = new ProcessStartInfo("bash", [RepositoryRoot.Combine("scripts", "post-deploy.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.Environment["PATH"] = _dir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["AZURE_SUBSCRIPTION_ID"] = Subscription;
        start.Environment["RESOURCE_GROUP"] = "rg-test";
        start.Environment["AZURE_FUNCTION_APP_NAME"] = "func-api-test";
        start.Environment["AZURE_FUNCTION_APP_HOSTNAME"] = "func-api-test.azurewebsites.net";
        start.Environment["LAKE_STORAGE_ACCOUNT_NAME"] = "stlaketest";
        start.Environment["LAKE_DEADLETTER_CONTAINER_NAME"] = "eventgrid-deadletter";
        start.Environment["EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgst-lake-test";
        start.Environment["EVENTGRID_IDENTITY_ID"] = "/subscriptions/x/resourceGroups/rg-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-evgst";
        start.Environment["POST_DEPLOY_RETRY_SECONDS"] = "0";
        start.Environment["POST_DEPLOY_POLL_SECONDS"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("post-deploy.sh did not finish within 60 s");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    [Fact]
    public void PostDeploy_TwoRuns_CreatesTheKeyOnceNamesTheSubscriptionEverywhereAndKeepsTheKey()
    {
        var az = Path.Combine(_dir, "az");
        File.WriteAllText(az, FakeAz.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var first = Run();
        var key = File.ReadAllText(Path.Combine(_dir, "key")).Trim();
        var second = Run();

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        var calls = File.ReadAllLines(Path.Combine(_dir, "calls.log"));
        Assert.Single(calls, c => c.StartsWith("functionapp keys set", StringComparison.Ordinal));
        Assert.Contains("--key-type systemKey --key-name blobs_extension", calls.Single(c => c.StartsWith("functionapp keys set", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(calls.Where(c => c.StartsWith("functionapp", StringComparison.Ordinal)), c => Assert.Contains($"--subscription {Subscription}", c, StringComparison.Ordinal));
        Assert.All(calls.Where(c => c.StartsWith("rest", StringComparison.Ordinal)), c => Assert.Contains($"/subscriptions/{Subscription}/", c, StringComparison.Ordinal));
        Assert.Equal(key, File.ReadAllText(Path.Combine(_dir, "key")).Trim());
        // Both runs subscribe every blob-triggered function with the same, kept key.
        var bodies = File.ReadAllText(Path.Combine(_dir, "bodies.log"));
        Assert.Equal(2 * BlobTriggers.Count, bodies.Split($"&code={key}\"", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain(key, first.Output + second.Output, StringComparison.Ordinal);
    }

    /// <summary>Every blob trigger of the app gets its Event Grid subscription: BlobCreated of its container, delivered to
    /// its function; the run manifests' only when the blob is a manifest, the landing zone's for every file.</summary>
    [Fact]
    public void PostDeploy_EveryBlobTrigger_IsSubscribedToItsContainer()
    {
        var bodies = SubscriptionBodies();

        Assert.Equal(BlobTriggers.Count, bodies.Count);
        Assert.Contains(BlobTriggers, t => t.Container == "landing" && t.Function == "IngestLandedFile");
        foreach (var (function, container) in BlobTriggers)
        {
            var body = Assert.Single(bodies, b => b.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString()!
                .Contains($"functionName=Host.Functions.{function}&", StringComparison.Ordinal));
            var filter = body.GetProperty("filter");
            Assert.Equal($"/blobServices/default/containers/{container}/", filter.GetProperty("subjectBeginsWith").GetString());
            Assert.Equal(["Microsoft.Storage.BlobCreated"], filter.GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
            if (container is "bronze" or "silver")
            {
                Assert.Equal("/_manifest.json", filter.GetProperty("subjectEndsWith").GetString());
            }
            else
            {
                Assert.False(filter.TryGetProperty("subjectEndsWith", out _), $"{function} must get every blob of {container}");
            }
        }
    }

    /// <summary>The attack of issue 25: a provider file landed as <c>_manifest.json</c> is kept in bronze under
    /// <c>providers/…/_manifest.json</c>. The promotions' subscriptions, evaluated as Event Grid does (subject prefix and
    /// suffix, case-insensitive, and every advanced filter), deliver run manifests only, never that blob or anything else
    /// outside a run folder.</summary>
    [Theory]
    [InlineData("bronze", "2026/11/23/20261123-daily/_manifest.json", true)]
    [InlineData("silver", "2026/11/23/20261123-daily/_manifest.json", true)]
    [InlineData("bronze", "providers/audience_ratings/0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0/_manifest.json", false)]
    [InlineData("bronze", "_enrichment/_manifest.json", false)]
    [InlineData("silver", "providers/audience_ratings/files/20261123-audience_ratings-000001/_manifest.json", false)]
    [InlineData("bronze", "2026/11/23/20261123-daily/ben-hur-1959-3f2a9c01de.json", false)]
    public void PostDeploy_ManifestSubscriptions_DeliverRunFolderManifestsOnly(string container, string blob, bool delivered)
    {
        var function = container == "bronze" ? "PromoteToSilver" : "PromoteToGold";
        var body = Assert.Single(SubscriptionBodies(), b => b.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString()!
            .Contains($"functionName=Host.Functions.{function}&", StringComparison.Ordinal));

        Assert.Equal(delivered, EventGridFilter.Delivers(body.GetProperty("filter"), $"/blobServices/default/containers/{container}/blobs/{blob}"));
    }

    /// <summary>Runs the hook against the stand-in az and returns the body of every event subscription it PUT.</summary>
    private List<System.Text.Json.JsonElement> SubscriptionBodies()
    {
        var az = Path.Combine(_dir, "az");
        File.WriteAllText(az, FakeAz.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var run = Run();
        Assert.True(run.ExitCode == 0, run.Output);
        return [.. File.ReadAllText(Path.Combine(_dir, "bodies.log")).Split("\n}\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(b => b.Contains("endpointUrl", StringComparison.Ordinal))
            .Select(b => System.Text.Json.JsonDocument.Parse(b + "\n}").RootElement.GetProperty("properties").Clone())];
    }

    /// <summary>The app's blob triggers: function and container, from the build's functions.metadata.</summary>
    private static IReadOnlyList<(string Function, string Container)> BlobTriggers { get; } =
        [.. FunctionsBuild.Bindings.Where(b => b.Type == "blobTrigger").Select(b => (b.Function, b.Container!))];

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

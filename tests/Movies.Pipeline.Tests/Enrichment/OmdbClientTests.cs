using System.Diagnostics;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Enrichment;

/// <summary>The real OmdbClient, HttpClientFactory and Polly pipeline against a local HTTP OMDb.</summary>
public sealed class OmdbClientTests : IAsyncLifetime
{
    private const string Key = "KEY-0123456789-SECRET";
    private readonly TempFolder _folder = new();
    private OmdbStandIn _omdb = null!;
    private PipelineHarness _harness = null!;

    private OmdbClient Client => _harness.Get<OmdbClient>();

    public async Task InitializeAsync()
    {
        _omdb = await OmdbStandIn.StartAsync();
        var settings = PipelineHarness.Settings(_folder.Path, _omdb.BaseUrl, "unused.json", Key);
        settings["OMDB_TIMEOUT_SECONDS"] = "1.5";
        _harness = new PipelineHarness(settings);
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        await _omdb.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task GetMovie_Found_ReturnsBodyAsReceivedAndRequestWithoutKey()
    {
        var answer = StandInAnswer.Found("Heat", 1995);
        _omdb.Script("Heat", answer);

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal(OmdbLookupOutcome.Found, lookup.Outcome);
        Assert.Equal(answer.Body, lookup.Body);
        Assert.Equal(1, lookup.Attempts);
        Assert.Equal("?t=Heat&y=1995&type=movie", lookup.Request);
        Assert.Contains(_omdb.Queries, q => q.Contains("t=Heat", StringComparison.Ordinal) && q.Contains("y=1995", StringComparison.Ordinal) && q.Contains("apikey=" + Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetMovie_ServerErrorsThenSuccess_RetriesAndCountsAttempts()
    {
        _omdb.Script("Heat", StandInAnswer.ServerError, StandInAnswer.ServerError, StandInAnswer.Found("Heat"));

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal((OmdbLookupOutcome.Found, 3), (lookup.Outcome, lookup.Attempts));
        Assert.Equal(3, _omdb.CallsFor("Heat"));
    }

    [Fact]
    public async Task GetMovie_AlwaysServerError_FailsAfterMaxRetriesPlusOne()
    {
        _omdb.Script("Heat", StandInAnswer.ServerError);

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal(OmdbLookupOutcome.Failed, lookup.Outcome);
        Assert.Equal(4, lookup.Attempts);
        Assert.Equal(4, _omdb.CallsFor("Heat"));
        Assert.Equal("HTTP 503 after 4 attempts", lookup.Reason);
    }

    [Fact]
    public async Task GetMovie_TooManyRequestsWithRetryAfter_WaitsThatLong()
    {
        _omdb.Script("Heat", StandInAnswer.TooMany("1"), StandInAnswer.Found("Heat"));

        var clock = Stopwatch.StartNew();
        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal((OmdbLookupOutcome.Found, 2), (lookup.Outcome, lookup.Attempts));
        // The backoff alone would wait about 10 ms; Retry-After asks for a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
    }

    [Theory]
    [InlineData("3600")]
    [InlineData("Wed, 21 Oct 2099 07:28:00 GMT")]
    public async Task GetMovie_RetryAfterBeyondTheCap_StopsAtOnceAsAQuotaAnswer(string retryAfter)
    {
        _omdb.Script("Heat", StandInAnswer.TooMany(retryAfter), StandInAnswer.Found("Heat"));

        var lookup = await Client.GetMovieAsync("Heat", 1995).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(OmdbLookupOutcome.Fatal, lookup.Outcome);
        Assert.Contains("Retry-After", lookup.Reason, StringComparison.Ordinal);
        Assert.Contains("OMDB_MAX_RETRY_AFTER_SECONDS 60", lookup.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _omdb.CallsFor("Heat"));
    }

    [Fact]
    public async Task GetMovie_AnswerOverTheBodyCap_FailsThatMovieWithTheReasonAndKeepsNothing()
    {
        _omdb.Script("Heat", StandInAnswer.Huge("Heat", 3 * 1024 * 1024));

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal(OmdbLookupOutcome.Failed, lookup.Outcome);
        Assert.Null(lookup.Body);
        Assert.Contains("larger than OMDB_MAX_BODY_BYTES (1048576 bytes)", lookup.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _omdb.CallsFor("Heat"));
    }

    [Fact]
    public async Task GetMovie_MalformedJsonThenSuccess_Retries()
    {
        _omdb.Script("Heat", StandInAnswer.Malformed, StandInAnswer.Found("Heat"));

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal((OmdbLookupOutcome.Found, 2), (lookup.Outcome, lookup.Attempts));
    }

    [Fact]
    public async Task GetMovie_HangPastTimeoutThenSuccess_Retries()
    {
        _omdb.Script("Heat", StandInAnswer.Hang(TimeSpan.FromSeconds(30)), StandInAnswer.Found("Heat"));

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal((OmdbLookupOutcome.Found, 2), (lookup.Outcome, lookup.Attempts));
    }

    [Fact]
    public async Task GetMovie_AlwaysHangs_FailsAsTimedOut()
    {
        _omdb.Script("Heat", StandInAnswer.Hang(TimeSpan.FromSeconds(30)));

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal(OmdbLookupOutcome.Failed, lookup.Outcome);
        Assert.Equal("timed out after 4 attempts", lookup.Reason);
    }

    [Fact]
    public async Task GetMovie_NotFound_IsPermanentAndNotRetried()
    {
        _omdb.Script("Nope", StandInAnswer.NotFound);

        var lookup = await Client.GetMovieAsync("Nope", 2000);

        Assert.Equal((OmdbLookupOutcome.NotFound, "Movie not found!", 1), (lookup.Outcome, lookup.Reason, lookup.Attempts));
        Assert.Equal(1, _omdb.CallsFor("Nope"));
    }

    [Fact]
    public async Task GetMovie_KeyError_IsFatalAndNotRetried()
    {
        _omdb.Script("Heat", StandInAnswer.InvalidKey);

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal((OmdbLookupOutcome.Fatal, "Invalid API key!"), (lookup.Outcome, lookup.Reason));
        Assert.Equal(1, _omdb.CallsFor("Heat"));
    }

    [Fact]
    public async Task GetMovie_RequestLimitReached_DeferredNotRetriedAndNothingMoreSentToday()
    {
        _omdb.Script("Heat", StandInAnswer.LimitReached);

        var lookup = await Client.GetMovieAsync("Heat", 1995);
        var next = await Client.GetMovieAsync("Alien", 1979);

        Assert.Equal((OmdbLookupOutcome.Deferred, "OMDb answered \"Request limit reached!\""), (lookup.Outcome, lookup.Reason));
        Assert.Equal(1, _omdb.CallsFor("Heat"));
        // The day is closed in this process: the next lookup is deferred without a request.
        Assert.Equal(OmdbLookupOutcome.Deferred, next.Outcome);
        Assert.Contains("Request limit reached!", next.Reason, StringComparison.Ordinal);
        Assert.Equal((0, 0), (_omdb.CallsFor("Alien"), next.Attempts));
    }

    [Fact]
    public async Task GetMovie_UnreachableOmdb_FailsWithReasonAndNoKey()
    {
        await _omdb.DisposeAsync();

        var lookup = await Client.GetMovieAsync("Heat", 1995);

        Assert.Equal(OmdbLookupOutcome.Failed, lookup.Outcome);
        Assert.Contains("HttpRequestException", lookup.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, lookup.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetMovie_TitleOf10kB_FailsWithoutCalling()
    {
        var lookup = await Client.GetMovieAsync(new string('x', 10_000), 2000);

        Assert.Equal(OmdbLookupOutcome.Failed, lookup.Outcome);
        Assert.Equal(0, _omdb.TotalCalls);
    }

    [Fact]
    public async Task GetMovie_AnyAnswer_KeyNeverLogged()
    {
        _omdb.Script("Heat", StandInAnswer.ServerError, StandInAnswer.Malformed, StandInAnswer.Found("Heat"));

        await Client.GetMovieAsync("Heat", 1995);

        Assert.Contains(_harness.Logs.Lines, l => l.Contains("apikey=***", StringComparison.Ordinal));
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }
}

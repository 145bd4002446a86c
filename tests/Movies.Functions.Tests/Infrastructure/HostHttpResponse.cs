using System.Net;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The response a function writes, read back by the test.</summary>
internal sealed class HostHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException("The app sets no cookies.");

    public string ReadBody() => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());
}

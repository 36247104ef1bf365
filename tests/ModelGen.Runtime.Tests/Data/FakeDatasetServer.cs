using System.Net;

namespace ModelGen.Runtime.Tests.Data;

/// <summary>
/// Serves files by name as a web server would, or fails every request like a machine without network,
/// and records what was asked for; the downloader's real HTTP code runs against it.
/// </summary>
internal sealed class FakeDatasetServer(IReadOnlyDictionary<string, byte[]> filesByUrlName, Exception? failure = null) : HttpMessageHandler
{
    public List<string> Requested { get; } = [];

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(request.RequestUri!.AbsolutePath);
        Requested.Add(name);
        if (failure is not null) throw failure;
        return filesByUrlName.TryGetValue(name, out byte[]? body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}

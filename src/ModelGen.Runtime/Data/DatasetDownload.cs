using System.Security.Cryptography;

namespace ModelGen.Data;

/// <summary>
/// Downloads the files a data set's cache folder lacks, each to a temporary file that is renamed into place
/// only once its MD5 matches the published one, so the cache never holds a partial or corrupt file.
/// </summary>
internal static class DatasetDownload
{
    // Without a connect timeout an unreachable host holds the caller for the OS's TCP timeout (minutes).
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static void FetchMissing(DatasetSources sources, TextWriter? log)
    {
        Directory.CreateDirectory(sources.CacheFolder);
        TextWriter output = log ?? Console.Out;
        bool interactive = log is null && !Console.IsOutputRedirected;
        using HttpClient client = sources.Handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout })
            : new HttpClient(sources.Handler, disposeHandler: false);
        output.WriteLine($"Downloading {sources.Name} from {sources.DownloadBase} into {sources.CacheFolder}");
        foreach (DatasetFile file in sources.Files)
        {
            if (DatasetLocator.Find(sources.CacheFolder, file.Name) is not null) continue;
            string fileName = file.Name + ".gz";
            Fetch(client, new Uri(sources.DownloadBase, fileName), Path.Combine(sources.CacheFolder, fileName), file.GzipMd5,
                progress: total => new DownloadProgress(output, fileName, total, interactive));
        }
    }

    private static void Fetch(HttpClient client, Uri uri, string destination, string expectedMd5, Func<long?, DownloadProgress> progress)
    {
        // Unique per attempt, so two processes filling the same cache never write into each other's file.
        string partial = $"{destination}.{Guid.NewGuid():N}.part";
        try
        {
            string actualMd5 = Save(client, uri, partial, progress);
            if (actualMd5 != expectedMd5)
                throw new InvalidDataException(
                    $"The download of {uri} has MD5 {actualMd5}, not the published {expectedMd5}, so it was discarded. " +
                    "The transfer was corrupted or the server sent another file; try again, or get the data another way.");
            File.Move(partial, destination, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Streams the body to <paramref name="path"/> and returns its MD5 as lower-case hex.</summary>
    private static string Save(HttpClient client, Uri uri, string path, Func<long?, DownloadProgress> progress)
    {
        using HttpResponseMessage response = client.Send(new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        DownloadProgress display = progress(response.Content.Headers.ContentLength);
        using Stream body = response.Content.ReadAsStream();
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        int read;
        while ((read = body.Read(buffer)) > 0)
        {
            file.Write(buffer, 0, read);
            md5.AppendData(buffer, 0, read);
            received += read;
            display.Update(received);
        }
        display.Finish(received);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }
}

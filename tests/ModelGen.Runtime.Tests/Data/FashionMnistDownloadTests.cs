using ModelGen.Data;
using ModelGen.IO.Tests;

namespace ModelGen.Runtime.Tests.Data;

/// <summary>Downloads through the real HTTP code path, served by a fake handler with small synthetic files.</summary>
public class FashionMnistDownloadTests
{
    private static readonly string[] GzipNames = SyntheticFashionMnist.FileNames.Select(name => name + ".gz").ToArray();

    [Fact]
    public void MissingCopyIsDownloadedIntoTheCacheWithProgress()
    {
        using var root = new TemporaryDirectory();
        // Small enough that every file is under 1 kB and its size is shown in bytes.
        Dictionary<string, byte[]> files = SyntheticFashionMnist.Files(trainCount: 3, testCount: 2, gzip: true);
        var server = new FakeDatasetServer(ByUrlName(files));
        DatasetSources sources = SyntheticFashionMnist.Sources(root.Path, files, server);
        var log = new StringWriter();

        FashionMnist data = FashionMnist.Load(sources, folder: null, download: true, log);

        Assert.Equal(GzipNames, server.Requested);
        Assert.Equal(GzipNames.Order(), Directory.GetFiles(sources.CacheFolder).Select(Path.GetFileName).Order());
        Assert.Equal(sources.CacheFolder, data.Folder);
        Assert.Equal((3, 2), (data.Train.Count, data.Test.Count));
        string[] lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Downloading Fashion-MNIST from http://datasets.test/fashion/ into {sources.CacheFolder}", lines[0]);
        for (int i = 0; i < GzipNames.Length; i++)
        {
            string size = $"{files[SyntheticFashionMnist.FileNames[i]].Length} B";
            Assert.StartsWith($"{GzipNames[i]} ━━━━━━━━━━━━━━━━━━━━ ", lines[i + 1]);
            Assert.Contains($"{size}/{size}", lines[i + 1]);
        }
    }

    [Fact]
    public void OnlyFilesTheCacheLacksAreDownloaded()
    {
        using var root = new TemporaryDirectory();
        Dictionary<string, byte[]> files = SyntheticFashionMnist.Files(trainCount: 2, testCount: 2, gzip: true);
        var server = new FakeDatasetServer(ByUrlName(files));
        DatasetSources sources = SyntheticFashionMnist.Sources(root.Path, files, server);
        Directory.CreateDirectory(sources.CacheFolder);
        File.WriteAllBytes(Path.Combine(sources.CacheFolder, GzipNames[0]), files[SyntheticFashionMnist.FileNames[0]]);
        File.WriteAllBytes(Path.Combine(sources.CacheFolder, GzipNames[2]), files[SyntheticFashionMnist.FileNames[2]]);

        FashionMnist.Load(sources, folder: null, download: true, log: TextWriter.Null);

        Assert.Equal([GzipNames[1], GzipNames[3]], server.Requested);
    }

    [Fact]
    public void CorruptDownloadIsRejectedAndLeavesNoFileBehind()
    {
        using var root = new TemporaryDirectory();
        Dictionary<string, byte[]> files = SyntheticFashionMnist.Files(trainCount: 2, testCount: 2, gzip: true);
        DatasetSources expected = SyntheticFashionMnist.Sources(root.Path, files, handler: null);
        Dictionary<string, byte[]> served = ByUrlName(files);
        byte[] corrupt = (byte[])served[GzipNames[1]].Clone();
        corrupt[^5] ^= 0xFF;
        served[GzipNames[1]] = corrupt;
        var server = new FakeDatasetServer(served);

        var error = Assert.Throws<InvalidDataException>(() =>
            FashionMnist.Load(expected with { Handler = server }, folder: null, download: true, log: TextWriter.Null));

        Assert.Equal(
            $"The download of http://datasets.test/fashion/{GzipNames[1]} has MD5 {SyntheticFashionMnist.Md5(corrupt)}, " +
            $"not the published {SyntheticFashionMnist.Md5(files[SyntheticFashionMnist.FileNames[1]])}, so it was discarded. " +
            "The transfer was corrupted or the server sent another file; try again, or get the data another way.",
            error.Message);
        // The file before it was good and stays; the corrupt one and every temporary file are gone.
        Assert.Equal([GzipNames[0]], Directory.GetFiles(expected.CacheFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void OfflineWithNoCopySaysWhereItLookedAndHowToGetTheData()
    {
        using var root = new TemporaryDirectory();
        Dictionary<string, byte[]> files = SyntheticFashionMnist.Files(trainCount: 1, testCount: 1, gzip: true);
        var server = new FakeDatasetServer(files, new HttpRequestException("Name or service not known (datasets.test:80)"));
        DatasetSources sources = SyntheticFashionMnist.Sources(root.Path, files, server);

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(sources, folder: null, download: true, log: TextWriter.Null));

        Assert.Equal([GzipNames[0]], server.Requested);
        Assert.IsType<HttpRequestException>(error.InnerException);
        string[] lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(
            [
                "Fashion-MNIST was not found on this machine, and downloading it failed: Name or service not known (datasets.test:80).",
                "Looked for train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each gzipped or not) in:",
                $"  {sources.SystemFolder} (Debian package dataset-fashion-mnist): no such folder",
                $"  {sources.CacheFolder} (download cache): no such folder",
                "Get the data in one of three ways:",
                "  1. Pass a folder that holds the files: FashionMnist.Load(folder: \"path/to/fashion-mnist\").",
                $"  2. On Debian or Ubuntu, install them into {sources.SystemFolder}: sudo apt-get install dataset-fashion-mnist",
                "  3. Allow the download (download: true, the default) with network access to http://datasets.test/fashion/; " +
                $"the files are kept in {sources.CacheFolder}.",
            ],
            lines);
    }

    [Fact]
    public void HttpErrorStatusCountsAsNoDownload()
    {
        using var root = new TemporaryDirectory();
        Dictionary<string, byte[]> files = SyntheticFashionMnist.Files(trainCount: 1, testCount: 1, gzip: true);
        DatasetSources sources = SyntheticFashionMnist.Sources(root.Path, files, new FakeDatasetServer(new Dictionary<string, byte[]>()));

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(sources, folder: null, download: true, log: TextWriter.Null));

        Assert.Contains("downloading it failed: Response status code does not indicate success: 404 (Not Found).", error.Message);
    }

    private static Dictionary<string, byte[]> ByUrlName(Dictionary<string, byte[]> files) =>
        files.ToDictionary(file => file.Key + ".gz", file => file.Value);
}

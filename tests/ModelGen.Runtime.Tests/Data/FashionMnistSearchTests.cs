using ModelGen.Data;
using ModelGen.IO.Tests;

namespace ModelGen.Runtime.Tests.Data;

/// <summary>
/// The search order: the folder passed, then the Debian package's folder, then the download cache. Each
/// folder holds a different number of images, so the counts show which one was read.
/// </summary>
public class FashionMnistSearchTests
{
    [Fact]
    public void FolderPassedWinsOverSystemFolderAndCache()
    {
        using var root = new TemporaryDirectory();
        DatasetSources sources = Sources(root);
        SyntheticFashionMnist.Write(root.File("mine"), trainCount: 1, testCount: 2);
        SyntheticFashionMnist.Write(sources.SystemFolder, trainCount: 3, testCount: 4);
        SyntheticFashionMnist.Write(sources.CacheFolder, trainCount: 5, testCount: 6);

        FashionMnist data = FashionMnist.Load(sources, root.File("mine"), download: false, log: TextWriter.Null);

        Assert.Equal(root.File("mine"), data.Folder);
        Assert.Equal((1, 2), (data.Train.Count, data.Test.Count));
    }

    [Fact]
    public void SystemFolderIsUsedWhenNoFolderIsPassed()
    {
        using var root = new TemporaryDirectory();
        DatasetSources sources = Sources(root);
        SyntheticFashionMnist.Write(sources.SystemFolder, trainCount: 3, testCount: 4);
        SyntheticFashionMnist.Write(sources.CacheFolder, trainCount: 5, testCount: 6);

        FashionMnist data = FashionMnist.Load(sources, folder: null, download: false, log: TextWriter.Null);

        Assert.Equal(sources.SystemFolder, data.Folder);
        Assert.Equal((3, 4), (data.Train.Count, data.Test.Count));
    }

    [Fact]
    public void IncompleteFolderPassedFallsBackToSystemFolder()
    {
        using var root = new TemporaryDirectory();
        DatasetSources sources = Sources(root);
        SyntheticFashionMnist.Write(root.File("mine"), trainCount: 1, testCount: 2);
        File.Delete(Path.Combine(root.File("mine"), "t10k-labels-idx1-ubyte.gz"));
        SyntheticFashionMnist.Write(sources.SystemFolder, trainCount: 3, testCount: 4);

        FashionMnist data = FashionMnist.Load(sources, root.File("mine"), download: false, log: TextWriter.Null);

        Assert.Equal(sources.SystemFolder, data.Folder);
    }

    [Fact]
    public void CacheIsUsedWhenThereIsNoSystemFolder()
    {
        using var root = new TemporaryDirectory();
        DatasetSources sources = Sources(root);
        SyntheticFashionMnist.Write(sources.CacheFolder, trainCount: 5, testCount: 6);

        FashionMnist data = FashionMnist.Load(sources, folder: null, download: false, log: TextWriter.Null);

        Assert.Equal(sources.CacheFolder, data.Folder);
        Assert.Equal((5, 6), (data.Train.Count, data.Test.Count));
    }

    [Fact]
    public void UncompressedFilesUnderTheOfficialNamesAreRead()
    {
        using var root = new TemporaryDirectory();
        SyntheticFashionMnist.Write(root.File("unpacked"), trainCount: 12, testCount: 3, gzip: false);

        FashionMnist data = FashionMnist.Load(Sources(root), root.File("unpacked"), download: false, log: TextWriter.Null);

        Assert.Equal(12, data.Train.Images.GetLength(0));
        Assert.Equal(784, data.Train.Images.GetLength(1));
        Assert.Equal((11 + 783) % 256, data.Train.Images[11, 783]);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1], data.Train.Labels);
        Assert.Equal((28, 28), (data.Test.Height, data.Test.Width));
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var root = new TemporaryDirectory();
        SyntheticFashionMnist.Write(root.File("mixed"), trainCount: 3, testCount: 2);
        File.WriteAllBytes(Path.Combine(root.File("mixed"), "train-labels-idx1-ubyte.gz"), IdxBytes.Gzip(IdxBytes.Bytes([2], [0, 1])));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(Sources(root), root.File("mixed"), download: false, log: TextWriter.Null));

        Assert.Contains("train-images-idx3-ubyte.gz holds 3 images but", error.Message);
        Assert.Contains("train-labels-idx1-ubyte.gz holds 2 labels", error.Message);
    }

    [Fact]
    public void LabelsMustBeClasses()
    {
        using var root = new TemporaryDirectory();
        SyntheticFashionMnist.Write(root.File("bad"), trainCount: 2, testCount: 2);
        File.WriteAllBytes(Path.Combine(root.File("bad"), "t10k-labels-idx1-ubyte.gz"), IdxBytes.Gzip(IdxBytes.Bytes([2], [3, 10])));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(Sources(root), root.File("bad"), download: false, log: TextWriter.Null));

        Assert.Contains("t10k-labels-idx1-ubyte.gz: label 10 of image 1 is not a class 0 to 9", error.Message);
    }

    [Fact]
    public void ImagesMustBe28By28()
    {
        using var root = new TemporaryDirectory();
        SyntheticFashionMnist.Write(root.File("small"), trainCount: 2, testCount: 2);
        File.WriteAllBytes(Path.Combine(root.File("small"), "train-images-idx3-ubyte.gz"), IdxBytes.Gzip(IdxBytes.Bytes([2, 2, 2], new byte[8])));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(Sources(root), root.File("small"), download: false, log: TextWriter.Null));

        Assert.Contains("its images have 4 pixels, not the 28 x 28 of Fashion-MNIST", error.Message);
    }

    [Fact]
    public void NoCopyAndNoDownloadListsEveryPlaceAndEveryWayToGetTheData()
    {
        using var root = new TemporaryDirectory();
        var server = new FakeDatasetServer(new Dictionary<string, byte[]>());
        DatasetSources sources = Sources(root, server);
        Directory.CreateDirectory(root.File("empty"));

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(sources, root.File("empty"), download: false, log: TextWriter.Null));

        Assert.Empty(server.Requested);
        Assert.Contains("Fashion-MNIST was not found on this machine, and downloading is turned off (download: false).", error.Message);
        Assert.Contains($"{root.File("empty")} (the folder passed to Load): lacks train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte", error.Message);
        Assert.Contains($"{sources.SystemFolder} (Debian package dataset-fashion-mnist): no such folder", error.Message);
        Assert.Contains($"{sources.CacheFolder} (download cache): no such folder", error.Message);
        Assert.Contains("FashionMnist.Load(folder: \"path/to/fashion-mnist\")", error.Message);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("Allow the download (download: true, the default) with network access to http://datasets.test/fashion/", error.Message);
    }

    private static DatasetSources Sources(TemporaryDirectory root, HttpMessageHandler? handler = null) =>
        SyntheticFashionMnist.Sources(root.Path, SyntheticFashionMnist.Files(1, 1, gzip: true), handler);
}

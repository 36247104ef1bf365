using System.Security.Cryptography;
using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

/// <summary>
/// Tiny stand-ins for the four Fashion-MNIST files: 28 x 28 images whose pixels encode the image index, and
/// labels i % 10. Folders of different sizes tell the loader tests which folder was read.
/// </summary>
internal static class SyntheticFashionMnist
{
    public static readonly string[] FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The four files' bytes by official name (no .gz), gzipped or not.</summary>
    public static Dictionary<string, byte[]> Files(int trainCount, int testCount, bool gzip)
    {
        var files = new Dictionary<string, byte[]>
        {
            [FileNames[0]] = Images(trainCount),
            [FileNames[1]] = Labels(trainCount),
            [FileNames[2]] = Images(testCount),
            [FileNames[3]] = Labels(testCount),
        };
        return gzip ? files.ToDictionary(file => file.Key, file => IdxBytes.Gzip(file.Value)) : files;
    }

    /// <summary>Writes the files into <paramref name="folder"/>, with .gz names when gzipped.</summary>
    public static void Write(string folder, int trainCount, int testCount, bool gzip = true)
    {
        Directory.CreateDirectory(folder);
        foreach ((string name, byte[] bytes) in Files(trainCount, testCount, gzip))
            File.WriteAllBytes(Path.Combine(folder, gzip ? name + ".gz" : name), bytes);
    }

    /// <summary>Sources that search and download only where a test says, expecting the MD5s of <paramref name="served"/>.</summary>
    public static DatasetSources Sources(string root, Dictionary<string, byte[]> served, HttpMessageHandler? handler = null) => new(
        Name: "Fashion-MNIST",
        LoadMethod: "FashionMnist.Load",
        AptPackage: "dataset-fashion-mnist",
        SystemFolder: Path.Combine(root, "system"),
        CacheFolder: Path.Combine(root, "cache"),
        DownloadBase: new Uri("http://datasets.test/fashion/"),
        Files: FileNames.Select(name => new DatasetFile(name, Md5(served[name]))).ToArray(),
        Handler: handler);

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static byte[] Images(int count)
    {
        var pixels = new byte[count * 28 * 28];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i / 784 + i % 784);
        return IdxBytes.Bytes([count, 28, 28], pixels);
    }

    private static byte[] Labels(int count) => IdxBytes.Bytes([count], Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());
}

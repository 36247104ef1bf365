using System.IO.Compression;
using System.Security.Cryptography;
using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

/// <summary>
/// The real data set, from Debian's dataset-fashion-mnist package, which .ci/run installs. Required rather
/// than skipped when absent, so a CI machine without it fails loudly instead of testing nothing.
/// </summary>
public class FashionMnistPackageTests
{
    private const string SystemFolder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void DebianPackageLoadsAsTheOfficialDataSet()
    {
        Assert.True(Directory.Exists(SystemFolder),
            $"{SystemFolder} is missing; install it with: sudo apt-get install dataset-fashion-mnist (.ci/run does).");

        FashionMnist data = FashionMnist.Load(download: false);

        Assert.Equal(SystemFolder, data.Folder);
        Assert.Equal((60000, 784), (data.Train.Images.GetLength(0), data.Train.Images.GetLength(1)));
        Assert.Equal((10000, 784), (data.Test.Images.GetLength(0), data.Test.Images.GetLength(1)));
        Assert.Equal((28, 28), (data.Train.Height, data.Train.Width));
        Assert.All(data.Train.Labels.Concat(data.Test.Labels), label => Assert.InRange(label, 0, 9));
        Assert.Equal(Enumerable.Range(0, 10), data.Train.Labels.Distinct().Order());
        // The first training and test images of the official files are both ankle boots.
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[data.Train.Labels[0]]);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[data.Test.Labels[0]]);
    }

    [Theory]
    // MD5s of the unpacked official files, as torchvision's and others' loaders list them; the package's .gz
    // files are recompressed (other gzip MD5s than the README's), so this is what shows the data are the same.
    [InlineData("train-images-idx3-ubyte", "f4a8712d7a061bf5bd6d2ca38dc4d50a")]
    [InlineData("train-labels-idx1-ubyte", "9018921c3c673c538a1fc5bad174d6f9")]
    [InlineData("t10k-images-idx3-ubyte", "8181f5470baa50b63fa0f6fddb340f0a")]
    [InlineData("t10k-labels-idx1-ubyte", "15d484375f8d13e6eb1aabb0c3f46965")]
    public void DebianPackageHoldsTheOfficialBytes(string name, string unpackedMd5)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(SystemFolder, name + ".gz")), CompressionMode.Decompress);

        Assert.Equal(unpackedMd5, Convert.ToHexStringLower(MD5.HashData(gzip)));
    }
}

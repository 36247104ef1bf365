namespace ModelGen.Data;

/// <summary>Where Fashion-MNIST is looked for and downloaded from, and the checksums of the official files.</summary>
internal static class FashionMnistSources
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The real locations: Debian's package folder, the user's cache and Zalando's download site.</summary>
    /// <remarks>
    /// The MD5s are those the Fashion-MNIST README publishes for the four .gz files on the download site.
    /// Debian's package (dataset-fashion-mnist 0.0~git20200523) holds the same data recompressed, so its .gz
    /// files have other MD5s; only downloads are checked against these.
    /// </remarks>
    public static DatasetSources Default() => new(
        Name: "Fashion-MNIST",
        LoadMethod: "FashionMnist.Load",
        AptPackage: "dataset-fashion-mnist",
        SystemFolder: "/usr/share/datasets/fashion-mnist",
        CacheFolder: DatasetSources.UserCacheFolder("fashion-mnist"),
        DownloadBase: new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
        Files:
        [
            new(TrainImages, "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            new(TrainLabels, "25c81989df183df01b3e8a0aad5dffbe"),
            new(TestImages, "bef4ecab320f06d8554ea6380940ec79"),
            new(TestLabels, "bb300cfdad3c16e7a12a480ee83cd310"),
        ]);
}

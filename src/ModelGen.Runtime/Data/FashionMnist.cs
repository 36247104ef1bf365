namespace ModelGen.Data;

/// <summary>
/// Zalando's Fashion-MNIST: 28 x 28 grayscale photos of clothing in 10 classes, 60,000 for training and
/// 10,000 for testing; MNIST's format and sizes with a harder problem. MIT licensed, (c) 2017 Zalando SE.
/// </summary>
/// <remarks>
/// <see cref="Load(string, bool, TextWriter)"/> looks for the four IDX files, gzipped or not, under their official names
/// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
/// <c>t10k-labels-idx1-ubyte</c>), in this order:
/// <list type="number">
/// <item>the folder passed in;</item>
/// <item><c>/usr/share/datasets/fashion-mnist</c>, where Debian's <c>dataset-fashion-mnist</c> package puts them;</item>
/// <item>the user's cache, <c>~/.cache/ModelGen/datasets/fashion-mnist</c> (<c>$XDG_CACHE_HOME</c> when set,
/// <c>%LOCALAPPDATA%</c> on Windows);</item>
/// <item>otherwise it downloads them from Zalando's site into that cache, showing progress and checking each
/// file's published MD5.</item>
/// </list>
/// </remarks>
/// <example>
/// <code>
/// var data = FashionMnist.Load();
/// model.Fit(Pixels.Normalize(data.Train.Images), data.Train.Labels, epochs: 5, validationData: (Pixels.Normalize(data.Test.Images), data.Test.Labels));
/// string first = FashionMnist.ClassNames[data.Test.Labels[0]];   // "Ankle boot"
/// </code>
/// </example>
public sealed class FashionMnist
{
    /// <summary>Pixel rows per image.</summary>
    public const int Height = 28;

    /// <summary>Pixel columns per image.</summary>
    public const int Width = 28;

    /// <summary>Number of classes; labels are 0 to 9.</summary>
    public const int ClassCount = 10;

    private FashionMnist(string folder, LabeledImages train, LabeledImages test) => (Folder, Train, Test) = (folder, train, test);

    /// <summary>The class names, indexed by label: 0 is "T-shirt/top", 9 is "Ankle boot".</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The folder the files were read from.</summary>
    public string Folder { get; }

    /// <summary>The 60,000 training images and labels.</summary>
    public LabeledImages Train { get; }

    /// <summary>The 10,000 test images and labels.</summary>
    public LabeledImages Test { get; }

    /// <summary>Finds or downloads Fashion-MNIST and reads it; see the class remarks for where it looks.</summary>
    /// <param name="folder">A folder holding the four files, searched first; null to skip it.</param>
    /// <param name="download">Whether to download the files when no copy is found.</param>
    /// <param name="log">Where download progress goes; the console when null, <see cref="TextWriter.Null"/> for silence.</param>
    /// <exception cref="FileNotFoundException">No copy was found and none could be downloaded; the message lists the places searched and how to get the data.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or not Fashion-MNIST, or a download failed its checksum; the message names the file.</exception>
    public static FashionMnist Load(string? folder = null, bool download = true, TextWriter? log = null) =>
        Load(FashionMnistSources.Default(), folder, download, log);

    internal static FashionMnist Load(DatasetSources sources, string? folder, bool download, TextWriter? log)
    {
        string found = DatasetLocator.Locate(sources, folder, download, log);
        return new FashionMnist(
            found,
            ReadSplit(found, FashionMnistSources.TrainImages, FashionMnistSources.TrainLabels),
            ReadSplit(found, FashionMnistSources.TestImages, FashionMnistSources.TestLabels));
    }

    private static LabeledImages ReadSplit(string folder, string imagesName, string labelsName)
    {
        string imagesPath = DatasetLocator.Find(folder, imagesName)!;
        string labelsPath = DatasetLocator.Find(folder, labelsName)!;
        byte[,] images = IdxReader.ReadMatrix<byte>(imagesPath);
        if (images.GetLength(1) != Height * Width)
            throw new InvalidDataException($"{imagesPath}: its images have {images.GetLength(1)} pixels, not the {Height} x {Width} of Fashion-MNIST.");
        IdxArray<byte> labels = IdxReader.Read<byte>(labelsPath);
        if (labels.Dimensions.Length != 1)
            throw new InvalidDataException($"{labelsPath}: labels have one dimension, but this file has {labels.Dimensions.Length}.");
        if (labels.Values.Length != images.GetLength(0))
            throw new InvalidDataException($"{imagesPath} holds {images.GetLength(0)} images but {labelsPath} holds {labels.Values.Length} labels.");
        return new LabeledImages(images, ToClassIndices(labelsPath, labels.Values), Height, Width);
    }

    private static int[] ToClassIndices(string path, byte[] labels)
    {
        var indices = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= ClassCount) throw new InvalidDataException($"{path}: label {labels[i]} of image {i} is not a class 0 to {ClassCount - 1}.");
            indices[i] = labels[i];
        }
        return indices;
    }
}

using ModelGen.Data;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>Fashion-MNIST scaled to [0, 1], as both frameworks train on it.</summary>
internal sealed class FashionData
{
    private FashionData(string folder, float[,] trainImages, int[] trainLabels, float[,] testImages, int[] testLabels) =>
        (Folder, TrainImages, TrainLabels, TestImages, TestLabels) = (folder, trainImages, trainLabels, testImages, testLabels);

    /// <summary>Where the IDX files were read from.</summary>
    public string Folder { get; }

    /// <summary>The 60,000 training images, one row of 784 pixels each.</summary>
    public float[,] TrainImages { get; }

    /// <summary>The class of each training image.</summary>
    public int[] TrainLabels { get; }

    /// <summary>The 10,000 test images.</summary>
    public float[,] TestImages { get; }

    /// <summary>The class of each test image.</summary>
    public int[] TestLabels { get; }

    /// <summary>Number of training images.</summary>
    public int TrainCount => TrainLabels.Length;

    /// <summary>Number of test images.</summary>
    public int TestCount => TestLabels.Length;

    /// <summary>Reads the data set where <see cref="FashionMnist.Load"/> finds it (Debian's dataset-fashion-mnist first).</summary>
    public static FashionData Load()
    {
        FashionMnist fashion = FashionMnist.Load();
        return new FashionData(
            fashion.Folder,
            Pixels.Normalize(fashion.Train.Images), fashion.Train.Labels,
            Pixels.Normalize(fashion.Test.Images), fashion.Test.Labels);
    }
}

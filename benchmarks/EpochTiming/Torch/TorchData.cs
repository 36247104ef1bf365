using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>
/// The data set copied once into libtorch tensors, shared by every TorchSharp run: images as
/// <c>(N, 784)</c> floats, labels as int64 class indices as <see cref="TorchSharp.torch.nn.CrossEntropyLoss"/> wants them.
/// </summary>
internal sealed class TorchData : IDisposable
{
    private TorchData(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels) =>
        (TrainImages, TrainLabels, TestImages, TestLabels) = (trainImages, trainLabels, testImages, testLabels);

    /// <summary>Training images, <c>(60000, 784)</c>.</summary>
    public Tensor TrainImages { get; }

    /// <summary>Training labels, <c>(60000)</c>, int64.</summary>
    public Tensor TrainLabels { get; }

    /// <summary>Test images, <c>(10000, 784)</c>.</summary>
    public Tensor TestImages { get; }

    /// <summary>Test labels, <c>(10000)</c>, int64.</summary>
    public Tensor TestLabels { get; }

    /// <summary>Copies the ModelGen-side arrays into tensors.</summary>
    public static TorchData From(FashionData data) => new(
        Images(data.TrainImages), Labels(data.TrainLabels),
        Images(data.TestImages), Labels(data.TestLabels));

    /// <inheritdoc/>
    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }

    private static Tensor Images(float[,] images)
    {
        // A float[,] is one row-major block; hand it to libtorch as the flat array it is.
        ReadOnlySpan<float> pixels = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(images)), images.Length);
        return tensor(pixels.ToArray(), [images.GetLength(0), images.GetLength(1)]);
    }

    private static Tensor Labels(int[] labels) => tensor(labels.Select(l => (long)l).ToArray());
}

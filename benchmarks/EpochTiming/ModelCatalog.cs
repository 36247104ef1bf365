using TorchSharp;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>One architecture under measurement, built once per framework.</summary>
/// <param name="Name">The name on the command line and in the table.</param>
/// <param name="TorchSampleShape">One sample's shape as the TorchSharp model takes it: features, or NCHW's (C, H, W).</param>
/// <param name="CreateTorch">Builds the TorchSharp twin with fresh weights from torch's global generator.</param>
/// <param name="CreateModelGen">Builds the ModelGen model.</param>
internal sealed record BenchmarkModel(
    string Name,
    long[] TorchSampleShape,
    Func<torch.nn.Module<torch.Tensor, torch.Tensor>> CreateTorch,
    Func<ITrainableModel> CreateModelGen);

/// <summary>The three Fashion-MNIST models, in the order they are timed.</summary>
internal static class ModelCatalog
{
    private static readonly long[] s_features = [28 * 28];
    private static readonly long[] s_image = [1, 28, 28];

    /// <summary>Every model, simplest first.</summary>
    public static IReadOnlyList<BenchmarkModel> All { get; } =
    [
        new("mlp", s_features, TorchModels.Mlp, () => new FashionMlp()),
        new("cnn", s_image, TorchModels.Cnn, () => new FashionCnn()),
        new("cnn-bn-dropout", s_image, TorchModels.CnnBnDropout, () => new FashionCnnBnDropout()),
    ];
}

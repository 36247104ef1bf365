using TorchSharp;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>One architecture under measurement, built once per framework.</summary>
/// <param name="Name">The name on the command line and in the table.</param>
/// <param name="TorchSampleShape">One sample's shape as the TorchSharp model takes it: features, or NCHW's (C, H, W).</param>
/// <param name="CreateTorch">Builds the TorchSharp twin with fresh weights from torch's global generator.</param>
/// <param name="CreateModelGen">Builds the ModelGen model; null while the generator emits no members for its layers.</param>
internal sealed record BenchmarkModel(
    string Name,
    long[] TorchSampleShape,
    Func<torch.nn.Module<torch.Tensor, torch.Tensor>> CreateTorch,
    Func<ITrainableModel>? CreateModelGen);

/// <summary>The three Fashion-MNIST models, in the order they are timed.</summary>
internal static class ModelCatalog
{
    private static readonly long[] s_features = [28 * 28];
    private static readonly long[] s_image = [1, 28, 28];

    /// <summary>Every model, simplest first.</summary>
    public static IReadOnlyList<BenchmarkModel> All { get; } =
    [
        new("mlp", s_features, TorchModels.Mlp, () => new FashionMlp()),
        new("cnn", s_image, TorchModels.Cnn, CnnFactory()),
        new("cnn-bn-dropout", s_image, TorchModels.CnnBnDropout, CnnBnDropoutFactory()),
    ];

    // FashionCnn and FashionCnnBnDropout are declared and checked by the analyzers in every build,
    // but until the generator emits Conv2D, pooling, batch normalization and dropout they have no
    // generated members and do not implement ITrainableModel (EpochTiming.csproj, ModelGenCnn).
#if MODELGEN_CNN
    private static Func<ITrainableModel>? CnnFactory() => () => new FashionCnn();

    private static Func<ITrainableModel>? CnnBnDropoutFactory() => () => new FashionCnnBnDropout();
#else
    private static Func<ITrainableModel>? CnnFactory() => null;

    private static Func<ITrainableModel>? CnnBnDropoutFactory() => null;
#endif
}

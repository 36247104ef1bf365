namespace ModelGen.IO.Tests;

/// <summary>
/// The smallest model weight I/O cares about: a Dense kernel stored (3, 2) that files hold as
/// PyTorch's (2, 3) weight, then a bias of 2. Only the parameter members work.
/// </summary>
internal sealed class FakeModel(IReadOnlyList<ParameterTensor> tensors, float[] parameters) : ITrainableModel
{
    public const string KernelName = "dense.weight";
    public const string BiasName = "dense.bias";

    public static readonly IReadOnlyList<ParameterTensor> DenseTensors =
    [
        new(KernelName, Offset: 0, Shape: [3, 2], FileLayout.Transposed, L1: 0f, L2: 0f),
        new(BiasName, Offset: 6, Shape: [2], FileLayout.Same, L1: 0f, L2: 0f),
    ];

    private readonly float[] gradients = new float[parameters.Length];

    public FakeModel(params float[] parameters)
        : this(DenseTensors, parameters)
    {
    }

    /// <summary>Kernel rows are inputs: [[1, 2], [3, 4], [5, 6]]; bias [7, 8].</summary>
    public static FakeModel Counting() => new(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);

    public static FakeModel Zeroed() => new(new float[8]);

    public int InputLength => 3;

    public int OutputLength => 2;

    public int TargetLength => 2;

    public Loss Loss => Loss.MeanSquaredError;

    public IReadOnlyList<ParameterTensor> ParameterTensors => tensors;

    public Span<float> Parameters => parameters;

    public Span<float> Gradients => gradients;

    public ReadOnlySpan<float> LastOutputs => throw new NotSupportedException();

    public void EnsureBatchCapacity(int batchSize) => throw new NotSupportedException();

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();
    public void PredictOnBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

    public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) =>
        throw new NotSupportedException();

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw new NotSupportedException();

    public string Summary() => throw new NotSupportedException();

    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient) => throw new NotSupportedException();

    public void ZeroGradients() => throw new NotSupportedException();
}

using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// A buffer of the wrong length is refused up front with an <see cref="ArgumentException"/> naming
/// both lengths, never an index error from deep inside a loop or a silent partial result.
/// </summary>
public sealed class KernelLengthMismatchTests
{
    // Dense shape used below: batch 2, inputs 3, units 4, so input 6, kernel 12, bias 4, output 8.
    private const int Batch = 2, Inputs = 3, Units = 4;

    private static readonly Dictionary<string, (Action Call, int Expected, int Actual)> Cases = new()
    {
        ["Dot"] = (() => VectorMath.Dot(new float[6], new float[7]), 6, 7),
        ["MultiplyAdd"] = (() => VectorMath.MultiplyAdd(new float[6], 1f, new float[7]), 6, 7),
        ["Dense forward output"] = (() => DenseKernels.Forward(new float[6], new float[12], new float[4], new float[9], Batch, Inputs, Units), 8, 9),
        ["Dense forward input"] = (() => DenseKernels.Forward(new float[5], new float[12], new float[4], new float[8], Batch, Inputs, Units), 6, 5),
        ["Dense forward kernel"] = (() => DenseKernels.Forward(new float[6], new float[11], new float[4], new float[8], Batch, Inputs, Units), 12, 11),
        ["Dense forward bias"] = (() => DenseKernels.Forward(new float[6], new float[12], new float[3], new float[8], Batch, Inputs, Units), 4, 3),
        ["Dense backward dOutput"] = (() => DenseKernels.Backward(new float[6], new float[12], new float[9], new float[12], new float[4], new float[6], Batch, Inputs, Units), 8, 9),
        ["Dense backward dKernel"] = (() => DenseKernels.Backward(new float[6], new float[12], new float[8], new float[13], new float[4], new float[6], Batch, Inputs, Units), 12, 13),
        ["Dense backward dBias"] = (() => DenseKernels.Backward(new float[6], new float[12], new float[8], new float[12], new float[5], new float[6], Batch, Inputs, Units), 4, 5),
        ["Dense backward dInput"] = (() => DenseKernels.Backward(new float[6], new float[12], new float[8], new float[12], new float[4], new float[7], Batch, Inputs, Units), 6, 7),
        ["ReLU shorter output"] = (() => ActivationKernels.Relu(new float[6], new float[5]), 6, 5),
        ["ReLU longer output"] = (() => ActivationKernels.Relu(new float[6], new float[7]), 6, 7),
        ["ReLU backward"] = (() => ActivationKernels.ReluBackward(new float[6], new float[7], new float[6]), 6, 7),
        ["LeakyReLU"] = (() => ActivationKernels.LeakyRelu(new float[6], new float[7], 0.2f), 6, 7),
        ["LeakyReLU backward"] = (() => ActivationKernels.LeakyReluBackward(new float[6], new float[6], new float[7], 0.2f), 6, 7),
        ["Sigmoid shorter output"] = (() => ActivationKernels.Sigmoid(new float[6], new float[5]), 6, 5),
        ["Sigmoid longer output"] = (() => ActivationKernels.Sigmoid(new float[6], new float[7]), 6, 7),
        ["Sigmoid backward"] = (() => ActivationKernels.SigmoidBackward(new float[6], new float[7], new float[6]), 6, 7),
        ["Tanh shorter output"] = (() => ActivationKernels.Tanh(new float[6], new float[5]), 6, 5),
        ["Tanh longer output"] = (() => ActivationKernels.Tanh(new float[6], new float[7]), 6, 7),
        ["Tanh backward"] = (() => ActivationKernels.TanhBackward(new float[6], new float[6], new float[7]), 6, 7),
        ["Softmax"] = (() => ActivationKernels.Softmax(new float[10], new float[11], 5), 10, 11),
        ["Softmax ragged rows"] = (() => ActivationKernels.Softmax(new float[7], new float[7], 5), 5, 7),
        ["Softmax backward"] = (() => ActivationKernels.SoftmaxBackward(new float[10], new float[11], new float[10], 5), 10, 11),
        ["Softmax backward ragged rows"] = (() => ActivationKernels.SoftmaxBackward(new float[7], new float[7], new float[7], 5), 5, 7),
        ["GELU"] = (() => ActivationKernels.Gelu(new float[6], new float[7]), 6, 7),
        ["GELU backward"] = (() => ActivationKernels.GeluBackward(new float[6], new float[6], new float[7]), 6, 7),
        ["ElementwiseMap result"] = (() => ElementwiseMap.Run(new SigmoidGradientMap(), new float[6], new float[6], new float[7]), 6, 7),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Wrong_length_is_refused_with_both_lengths(string name)
    {
        var (call, expected, actual) = Cases[name];
        NumericAssert.ThrowsLengthMismatch(call, expected, actual);
    }
}

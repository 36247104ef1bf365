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

    // Image shapes: batch 2 of (4, 4, 2), a 3x3 valid conv to (2, 2, 3): input 64, kernel 54, output 24,
    // patch workspace 8 x 18 = 144; a 2x2 pool to (2, 2, 2): output and argmax 16.
    private static readonly Conv2DGeometry Conv = Conv2DGeometry.Create(4, 4, 2, 3, 3, 1, 1, Padding.Valid);
    private static readonly Pooling2DGeometry Pool = Pooling2DGeometry.Create(4, 4, 2, 2, 2, Padding.Valid);

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
        ["Conv2D forward input"] = (() => Conv2DKernels.Forward(new float[63], new float[54], new float[3], new float[24], new float[144], Batch, Conv), 64, 63),
        ["Conv2D forward kernel"] = (() => Conv2DKernels.Forward(new float[64], new float[55], new float[3], new float[24], new float[144], Batch, Conv), 54, 55),
        ["Conv2D forward bias"] = (() => Conv2DKernels.Forward(new float[64], new float[54], new float[2], new float[24], new float[144], Batch, Conv), 3, 2),
        ["Conv2D forward output"] = (() => Conv2DKernels.Forward(new float[64], new float[54], new float[3], new float[25], new float[144], Batch, Conv), 24, 25),
        ["Conv2D forward patches"] = (() => Conv2DKernels.Forward(new float[64], new float[54], new float[3], new float[24], new float[143], Batch, Conv), 144, 143),
        ["Conv2D backward dOutput"] = (() => Conv2DKernels.Backward(new float[64], new float[54], new float[23], new float[54], new float[3], new float[64], new float[144], new float[144], Batch, Conv), 24, 23),
        ["Conv2D backward dKernel"] = (() => Conv2DKernels.Backward(new float[64], new float[54], new float[24], new float[53], new float[3], new float[64], new float[144], new float[144], Batch, Conv), 54, 53),
        ["Conv2D backward dInput"] = (() => Conv2DKernels.Backward(new float[64], new float[54], new float[24], new float[54], new float[3], new float[65], new float[144], new float[144], Batch, Conv), 64, 65),
        ["Conv2D backward dPatches"] = (() => Conv2DKernels.Backward(new float[64], new float[54], new float[24], new float[54], new float[3], new float[64], new float[144], new float[143], Batch, Conv), 144, 143),
        ["Max pool argmax"] = (() => Pooling2DKernels.MaxForward(new float[64], new float[16], new int[15], Batch, Pool), 16, 15),
        ["Max pool backward dInput"] = (() => Pooling2DKernels.MaxBackward(new float[16], new int[16], new float[65], Batch, Pool), 64, 65),
        ["Max pool backward through ReLU pooled"] = (() => Pooling2DKernels.MaxBackwardThroughRelu(new float[16], new int[16], new float[15], 0f, new float[64], Batch, Pool), 16, 15),
        ["Average pool output"] = (() => Pooling2DKernels.AvgForward(new float[64], new float[17], Batch, Pool), 16, 17),
        ["Average pool backward dOutput"] = (() => Pooling2DKernels.AvgBackward(new float[15], new float[64], Batch, Pool), 16, 15),
        ["Global average output"] = (() => Pooling2DKernels.GlobalAverageForward(new float[64], new float[5], Batch, 4, 4, 2), 4, 5),
        ["Global average backward dInput"] = (() => Pooling2DKernels.GlobalAverageBackward(new float[4], new float[63], Batch, 4, 4, 2), 64, 63),
        ["BatchNorm gamma"] = (() => BatchNormKernels.TrainingForward(new float[12], new float[5], new float[4], new float[12], new float[4], new float[4], new float[4], new float[4], 3, 4, 1e-3f, 0.99f), 4, 5),
        ["BatchNorm moving variance"] = (() => BatchNormKernels.InferenceForward(new float[12], new float[4], new float[4], new float[4], new float[3], new float[12], 3, 4, 1e-3f), 4, 3),
        ["BatchNorm backward dBeta"] = (() => BatchNormKernels.Backward(new float[12], new float[4], new float[12], new float[4], new float[4], new float[4], new float[6], new float[12], 3, 4), 4, 6),
        ["Dropout mask"] = (() => { var random = new DropoutRandom(1); DropoutKernels.Forward(new float[6], new float[6], new float[7], 0.5f, ref random); }, 6, 7),
        ["Dropout backward dInput"] = (() => DropoutKernels.Backward(new float[6], new float[6], new float[5]), 6, 5),
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

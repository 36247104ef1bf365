using ModelGen.Runtime.Tests.Numerics;
using static ModelGen.Runtime.Tests.Numerics.FloatArrays;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="DenseKernels"/> against its scalar twins. The shapes walk every tile of the AVX-512
/// product (6x64, 1x64, 6x16, 1x16, 1x8, single columns, in each of its three roles: forward,
/// dKernel over the inputs, dInput over the batch) and every column block of the portable path
/// (four Vector512s, one Vector512, Vector256, Vector128, single columns), which is checked too;
/// fewer than six rows read 128-column rows whole (1x128 tiles, B's two halves of depth at once: odd depths too).
/// </summary>
/// <remarks>
/// Tolerance as in <see cref="VectorMathParityTests"/>: 1e-5 relative to the sum of the magnitudes
/// of each element's terms, computed by running the twin on absolute values.
/// </remarks>
public sealed class DenseKernelsParityTests
{
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<int, int, int, bool> Shapes
    {
        get
        {
            var data = new TheoryData<int, int, int, bool>();
            foreach (var (batch, inputs, units) in new[] { (1, 10, 64), (3, 37, 13), (5, 13, 5), (2, 7, 1), (4, 64, 65), (1, 1, 1), (2, 3, 17), (3, 20, 80), (7, 30, 64), (13, 9, 130), (12, 50, 24), (6, 12, 200), (2, 40, 260), (1, 128, 10), (4, 64, 10), (7, 30, 96), (70, 33, 1), (37, 18, 6), (10, 20, 64), (1, 301, 256), (3, 7, 130) })
            {
                data.Add(batch, inputs, units, true);
                data.Add(batch, inputs, units, false);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_reference(int batch, int inputs, int units, bool hasBias)
    {
        var random = new Random(batch * 10_000 + inputs * 100 + units);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] kernel = RandomFloats.Uniform(random, inputs * units);
        float[] bias = RandomFloats.Uniform(random, hasBias ? units : 0);
        // NaN shows any output element the kernel forgets to write.
        float[] simd = RandomFloats.Filled(batch * units, float.NaN);

        DenseKernels.Forward(input, kernel, bias, simd, batch, inputs, units);
        float[] portable = RandomFloats.Filled(batch * units, float.NaN);
        DenseKernels.PortableForward(input, kernel, bias, portable, batch, inputs, units);

        float[] reference = new float[batch * units];
        DenseKernels.ForwardReference(input, kernel, bias, reference, batch, inputs, units);
        float[] magnitude = new float[batch * units];
        DenseKernels.ForwardReference(Absolute(input), Absolute(kernel), Absolute(bias), magnitude, batch, inputs, units);
        NumericAssert.CloseToScale(reference, simd, magnitude, RelativeTolerance, $"Forward ({batch}, {inputs}, {units}), bias {hasBias}");
        NumericAssert.CloseToScale(reference, portable, magnitude, RelativeTolerance, $"Portable forward ({batch}, {inputs}, {units}), bias {hasBias}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_with_fused_relu_clamps_what_plain_forward_writes(int batch, int inputs, int units, bool hasBias)
    {
        var random = new Random(batch * 10_000 + inputs * 100 + units);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] kernel = RandomFloats.Uniform(random, inputs * units);
        float[] bias = RandomFloats.Uniform(random, hasBias ? units : 0);
        float[] plain = new float[batch * units], fused = new float[batch * units];

        DenseKernels.Forward(input, kernel, bias, plain, batch, inputs, units);
        DenseKernels.Forward(input, kernel, bias, fused, batch, inputs, units, relu: true);

        // Uniform inputs in [-1, 1) make some outputs negative in any shape with a few of them.
        if (plain.Length >= 8) Assert.Contains(plain, v => v < 0);
        Assert.Equal(Array.ConvertAll(plain, v => MathF.Max(v, 0f)), fused);
    }

    /// <summary>
    /// A product large enough to be split over two threads gives the same bits as one thread:
    /// each output element is still one thread's sum in the same order.
    /// </summary>
    [Fact]
    public void Two_threads_give_the_bits_of_one()
    {
        const int batch = 64, inputs = 300, units = 130;
        var random = new Random(7);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] kernel = RandomFloats.Uniform(random, inputs * units);
        float[] bias = RandomFloats.Uniform(random, units);
        float[] dOutput = RandomFloats.Uniform(random, batch * units);
        var one = Run(threads: 1);
        var two = Run(threads: 2);
        Assert.Equal(one.Output, two.Output);
        Assert.Equal(one.DKernel, two.DKernel);
        Assert.Equal(one.DInput, two.DInput);

        (float[] Output, float[] DKernel, float[] DInput) Run(int threads)
        {
            float[] output = new float[batch * units], dKernel = new float[inputs * units], dInput = new float[batch * inputs];
            using (new ComputeThreadsScope(threads))
            {
                DenseKernels.Forward(input, kernel, bias, output, batch, inputs, units);
                DenseKernels.Backward(input, kernel, dOutput, dKernel, new float[units], dInput, batch, inputs, units);
            }
            return (output, dKernel, dInput);
        }
    }

    /// <summary>
    /// Starts dKernel and dBias non-zero and expects them to end as start + the twin's gradient from
    /// zero, so accumulation is checked independently of how the twin treats its buffers. dInput
    /// starts as NaN, which survives only if the kernel adds to it instead of overwriting it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_matches_reference_and_accumulates(int batch, int inputs, int units, bool hasBias)
    {
        var random = new Random(batch * 10_000 + inputs * 100 + units);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] kernel = RandomFloats.Uniform(random, inputs * units);
        float[] dOutput = RandomFloats.Uniform(random, batch * units);
        float[] dKernelStart = RandomFloats.Uniform(random, inputs * units);
        float[] dBiasStart = RandomFloats.Uniform(random, hasBias ? units : 0);
        float[] dKernel = (float[])dKernelStart.Clone();
        float[] dBias = (float[])dBiasStart.Clone();
        float[] dInput = RandomFloats.Filled(batch * inputs, float.NaN);

        DenseKernels.Backward(input, kernel, dOutput, dKernel, dBias, dInput, batch, inputs, units);
        float[] portableDKernel = (float[])dKernelStart.Clone(), portableDBias = (float[])dBiasStart.Clone(), portableDInput = new float[batch * inputs];
        DenseKernels.PortableBackward(input, kernel, dOutput, portableDKernel, portableDBias, portableDInput, batch, inputs, units);

        var fromZero = new Gradients(inputs * units, dBias.Length, batch * inputs);
        DenseKernels.BackwardReference(input, kernel, dOutput, fromZero.Kernel, fromZero.Bias, fromZero.Input, batch, inputs, units);
        var magnitude = new Gradients(inputs * units, dBias.Length, batch * inputs);
        DenseKernels.BackwardReference(Absolute(input), Absolute(kernel), Absolute(dOutput), magnitude.Kernel, magnitude.Bias, magnitude.Input, batch, inputs, units);

        string shape = $"({batch}, {inputs}, {units}), bias {hasBias}";
        NumericAssert.CloseToScale(Add(dKernelStart, fromZero.Kernel), dKernel, Add(Absolute(dKernelStart), magnitude.Kernel), RelativeTolerance, $"dKernel {shape}");
        NumericAssert.CloseToScale(Add(dBiasStart, fromZero.Bias), dBias, Add(Absolute(dBiasStart), magnitude.Bias), RelativeTolerance, $"dBias {shape}");
        NumericAssert.CloseToScale(fromZero.Input, dInput, magnitude.Input, RelativeTolerance, $"dInput {shape}");
        NumericAssert.CloseToScale(Add(dKernelStart, fromZero.Kernel), portableDKernel, Add(Absolute(dKernelStart), magnitude.Kernel), RelativeTolerance, $"portable dKernel {shape}");
        NumericAssert.CloseToScale(Add(dBiasStart, fromZero.Bias), portableDBias, Add(Absolute(dBiasStart), magnitude.Bias), RelativeTolerance, $"portable dBias {shape}");
        NumericAssert.CloseToScale(fromZero.Input, portableDInput, magnitude.Input, RelativeTolerance, $"portable dInput {shape}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_with_empty_dInput_still_accumulates_parameter_gradients(int batch, int inputs, int units, bool hasBias)
    {
        var random = new Random(batch * 10_000 + inputs * 100 + units);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] kernel = RandomFloats.Uniform(random, inputs * units);
        float[] dOutput = RandomFloats.Uniform(random, batch * units);
        float[] dKernelWithInput = RandomFloats.Uniform(random, inputs * units);
        float[] dBiasWithInput = RandomFloats.Uniform(random, hasBias ? units : 0);
        float[] dKernelWithout = (float[])dKernelWithInput.Clone();
        float[] dBiasWithout = (float[])dBiasWithInput.Clone();

        DenseKernels.Backward(input, kernel, dOutput, dKernelWithInput, dBiasWithInput, new float[batch * inputs], batch, inputs, units);
        DenseKernels.Backward(input, kernel, dOutput, dKernelWithout, dBiasWithout, Span<float>.Empty, batch, inputs, units);

        // The parameter gradients take the same path either way, so they agree to the bit.
        Assert.Equal(dKernelWithInput, dKernelWithout);
        Assert.Equal(dBiasWithInput, dBiasWithout);
    }

    private sealed class Gradients(int kernel, int bias, int input)
    {
        public float[] Kernel { get; } = new float[kernel];
        public float[] Bias { get; } = new float[bias];
        public float[] Input { get; } = new float[input];
    }
}

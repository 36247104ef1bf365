using ModelGen.Runtime.Tests.Numerics;
using static ModelGen.Runtime.Tests.Numerics.FloatArrays;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="DenseRowSplit"/>: a dense layer's kernel split by rows over shares, every share's part run one after
/// another here, must give <see cref="DenseKernels"/>' scalar twins' outputs and gradients. Shares own uneven row and
/// sample ranges, and 6-row tiles straddle their edges. Tolerance as in <see cref="DenseKernelsParityTests"/>.
/// </summary>
public sealed class DenseRowSplitTests
{
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<int, int, int, int, bool> Shapes => new()
    {
        { 13, 300, 37, 2, true },
        { 128, 784, 128, 2, true },
        { 9, 257, 19, 3, false },
        { 8, 260, 24, 4, true },
        { 5, 20, 64, 1, true },
        { 7, 31, 10, 2, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shares_of_rows_sum_to_the_forward_pass(int batch, int inputs, int units, int shares, bool portable)
    {
        var random = new Random(batch * 1000 + inputs + shares);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] kernel = RandomFloats.Uniform(random, inputs * units);
        float[] bias = RandomFloats.Uniform(random, units);
        float[] sums = RandomFloats.Filled(batch * units, float.NaN);
        float[][] others = [.. Enumerable.Range(0, shares - 1).Select(_ => RandomFloats.Filled(batch * units, float.NaN))];

        for (int share = 0; share < shares; share++)
        {
            var (rowStart, rowEnd) = DenseRowSplit.Rows(inputs, share, shares);
            Span<float> partial = share == 0 ? sums : others[share - 1];
            if (portable) DenseRowSplit.PortablePartialSums(input, kernel, partial, batch, inputs, units, rowStart, rowEnd);
            else DenseRowSplit.PartialSums(input, kernel, partial, batch, inputs, units, rowStart, rowEnd);
        }
        for (int share = 0; share < shares; share++)
        {
            var (first, end) = ComputeTeam.Range(batch, share, shares);
            DenseRowSplit.AddPartialSums(sums, others, shares, bias, first, end - first, units, relu: true);
        }

        float[] reference = new float[batch * units], magnitude = new float[batch * units];
        DenseKernels.ForwardReference(input, kernel, bias, reference, batch, inputs, units);
        DenseKernels.ForwardReference(Absolute(input), Absolute(kernel), Absolute(bias), magnitude, batch, inputs, units);
        NumericAssert.CloseToScale(Array.ConvertAll(reference, v => Math.Max(v, 0f)), sums, magnitude, RelativeTolerance,
            $"forward ({batch}, {inputs}, {units}) in {shares} shares");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shares_of_rows_write_the_whole_kernel_gradient(int batch, int inputs, int units, int shares, bool portable)
    {
        var random = new Random(batch * 1000 + inputs + shares + 1);
        float[] input = RandomFloats.Uniform(random, batch * inputs);
        float[] dOutput = RandomFloats.Uniform(random, batch * units);
        // NaN shows any row no share writes; a share writing beyond its rows would be overwritten by the next
        // share's only if shares run in order, so each share also checks that its neighbours' rows are as it found them.
        float[] dKernel = RandomFloats.Filled(inputs * units, float.NaN);
        float[] dBias = new float[units], shareBias = new float[units];

        for (int share = 0; share < shares; share++)
        {
            var (rowStart, rowEnd) = DenseRowSplit.Rows(inputs, share, shares);
            float[] before = (float[])dKernel.Clone();
            if (portable) DenseRowSplit.PortableKernelGradient(input, dOutput, dKernel, batch, inputs, units, rowStart, rowEnd);
            else DenseRowSplit.KernelGradient(input, dOutput, dKernel, batch, inputs, units, rowStart, rowEnd);
            for (int i = 0; i < dKernel.Length; i++)
                if (i < rowStart * units || i >= rowEnd * units)
                    Assert.Equal(before[i], dKernel[i]);

            var (first, end) = ComputeTeam.Range(batch, share, shares);
            ReadOnlySpan<float> shareOutput = dOutput.AsSpan(first * units, (end - first) * units);
            if (portable)
            {
                Array.Clear(shareBias);
                DenseRowSplit.PortableAddBiasGradient(shareOutput, shareBias, end - first, units);
            }
            else DenseRowSplit.BiasGradient(shareOutput, shareBias, end - first, units);
            for (int o = 0; o < units; o++) dBias[o] += shareBias[o];
        }

        var reference = (Kernel: new float[inputs * units], Bias: new float[units]);
        var magnitude = (Kernel: new float[inputs * units], Bias: new float[units]);
        float[] kernel = new float[inputs * units];
        DenseKernels.BackwardReference(input, kernel, dOutput, reference.Kernel, reference.Bias, default, batch, inputs, units);
        DenseKernels.BackwardReference(Absolute(input), kernel, Absolute(dOutput), magnitude.Kernel, magnitude.Bias, default, batch, inputs, units);
        string shape = $"({batch}, {inputs}, {units}) in {shares} shares";
        NumericAssert.CloseToScale(reference.Kernel, dKernel, magnitude.Kernel, RelativeTolerance, $"dKernel {shape}");
        NumericAssert.CloseToScale(reference.Bias, dBias, magnitude.Bias, RelativeTolerance, $"dBias {shape}");
    }

    [Fact]
    public void Rows_outside_the_kernel_are_refused()
    {
        float[] input = new float[2 * 4], kernel = new float[4 * 3], sums = new float[2 * 3];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DenseRowSplit.PartialSums(input, kernel, sums, 2, 4, 3, 2, 5));
        Assert.Contains("[2, 5)", error.Message);
        Assert.Contains("4 rows", error.Message);
    }
}

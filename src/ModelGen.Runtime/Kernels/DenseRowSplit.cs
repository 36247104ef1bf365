using System.Numerics.Tensors;

namespace ModelGen.Kernels;

/// <summary>
/// A wide first Dense layer (MNIST's 784x128) in a training step split over threads, its kernel split by input rows:
/// each share sums its rows' products for the whole batch, the shares add those partial sums for their own samples,
/// and each share computes its rows' kernel gradient over the whole batch. A share's rows of the kernel, their
/// gradients and their optimizer moments then never leave its core; what crosses between cores is the partial sums
/// and the layer's output gradient, <c>batch x units</c> each, rather than the kernel and its gradient,
/// <c>inputs x units</c> each (an MNIST MLP step at batch 128 ships a sixth of what a split by samples alone ships).
/// </summary>
/// <remarks>
/// Every method runs on the calling thread: each is one share's part of a step whose shares already run in parallel.
/// Inputs and kernels are row-major as in <see cref="DenseKernels"/>.
/// </remarks>
public static unsafe class DenseRowSplit
{
    /// <summary>The kernel rows <c>[Start, End)</c> (input features) that share <paramref name="share"/> of <paramref name="shares"/> owns.</summary>
    public static (int Start, int End) Rows(int inputs, int share, int shares) => ComputeTeam.Range(inputs, share, shares);

    /// <summary>
    /// <c>partialSums[b, o] = sum_{i in [rowStart, rowEnd)} input[b, i] * kernel[i, o]</c> for every sample of the batch:
    /// this share's part of the layer's affine map, without the bias.
    /// </summary>
    public static void PartialSums(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, Span<float> partialSums,
        int batch, int inputs, int units, int rowStart, int rowEnd)
    {
        CheckRows(input.Length, kernel.Length, batch, inputs, units, rowStart, rowEnd);
        VectorMath.CheckSameLength(batch * units, partialSums.Length);
        if (MatrixMultiply.IsSupported)
        {
            fixed (float* x = input, w = kernel, y = partialSums)
                MatrixMultiply.Rows(x + rowStart, inputs, 1, w + (nint)rowStart * units, null, y,
                    units, rowEnd - rowStart, 0, batch, accumulate: false, relu: false);
            return;
        }
        PortablePartialSums(input, kernel, partialSums, batch, inputs, units, rowStart, rowEnd);
    }

    /// <summary>The path for machines without AVX-512 (internal so tests can check it on any machine).</summary>
    internal static void PortablePartialSums(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, Span<float> partialSums,
        int batch, int inputs, int units, int rowStart, int rowEnd)
    {
        partialSums.Clear();
        for (int b = 0; b < batch; b++)
        {
            Span<float> sums = partialSums.Slice(b * units, units);
            for (int i = rowStart; i < rowEnd; i++)
                TensorPrimitives.MultiplyAdd(kernel.Slice(i * units, units), input[b * inputs + i], sums, sums);
        }
    }

    /// <summary>
    /// Adds every share's partial sums and the bias for <paramref name="samples"/> samples from sample
    /// <paramref name="first"/> on, into <paramref name="sums"/> (share 0's partial sums, the layer's output or
    /// pre-activation buffer), clamping at zero when <paramref name="relu"/> is set. <paramref name="otherShares"/> are the
    /// other shares' partial sums, of which the first <paramref name="shares"/> − 1 are read. An empty bias means none.
    /// </summary>
    public static void AddPartialSums(float[] sums, float[][] otherShares, int shares, ReadOnlySpan<float> bias,
        int first, int samples, int units, bool relu)
    {
        if (!bias.IsEmpty) VectorMath.CheckSameLength(units, bias.Length);
        for (int b = first; b < first + samples; b++)
        {
            Span<float> row = sums.AsSpan(b * units, units);
            for (int share = 0; share < shares - 1; share++)
                TensorPrimitives.Add(row, otherShares[share].AsSpan(b * units, units), row);
            if (!bias.IsEmpty) TensorPrimitives.Add(row, bias, row);
            if (relu) TensorPrimitives.Max(row, 0f, row);
        }
    }

    /// <summary><c>dBias[o] = sum_b dOutput[b, o]</c> over a share's samples, overwriting <paramref name="dBias"/>.</summary>
    public static void BiasGradient(ReadOnlySpan<float> dOutput, Span<float> dBias, int samples, int units)
    {
        VectorMath.CheckSameLength(samples * units, dOutput.Length);
        VectorMath.CheckSameLength(units, dBias.Length);
        dBias.Clear();
        if (MatrixMultiply.IsSupported)
        {
            // The column sums DenseKernels' backward takes its bias gradient with.
            fixed (float* dy = dOutput, db = dBias) VectorMath.AddColumnSums(dy, samples, units, db);
            return;
        }
        PortableAddBiasGradient(dOutput, dBias, samples, units);
    }

    /// <summary>The column sums for machines without AVX-512, added to <paramref name="dBias"/> (internal so tests can check it on any machine).</summary>
    internal static void PortableAddBiasGradient(ReadOnlySpan<float> dOutput, Span<float> dBias, int samples, int units)
    {
        for (int b = 0; b < samples; b++) TensorPrimitives.Add(dBias, dOutput.Slice(b * units, units), dBias);
    }

    /// <summary>
    /// <c>dKernel[i, o] = sum_b input[b, i] * dOutput[b, o]</c> over the whole batch for this share's rows
    /// <c>[rowStart, rowEnd)</c> only, overwriting them; the other rows of <paramref name="dKernel"/> are untouched.
    /// </summary>
    public static void KernelGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> dOutput, Span<float> dKernel,
        int batch, int inputs, int units, int rowStart, int rowEnd)
    {
        CheckRows(input.Length, dKernel.Length, batch, inputs, units, rowStart, rowEnd);
        VectorMath.CheckSameLength(batch * units, dOutput.Length);
        if (MatrixMultiply.IsSupported)
        {
            // A = inputᵀ restricted to the share's rows, read in place with its strides swapped.
            fixed (float* x = input, dy = dOutput, dw = dKernel)
                MatrixMultiply.Rows(x + rowStart, 1, inputs, dy, null, dw + (nint)rowStart * units,
                    units, batch, 0, rowEnd - rowStart, accumulate: false, relu: false);
            return;
        }
        PortableKernelGradient(input, dOutput, dKernel, batch, inputs, units, rowStart, rowEnd);
    }

    /// <summary>The path for machines without AVX-512 (internal so tests can check it on any machine).</summary>
    internal static void PortableKernelGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> dOutput, Span<float> dKernel,
        int batch, int inputs, int units, int rowStart, int rowEnd)
    {
        Span<float> rows = dKernel.Slice(rowStart * units, (rowEnd - rowStart) * units);
        rows.Clear();
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> gradient = dOutput.Slice(b * units, units);
            for (int i = rowStart; i < rowEnd; i++)
            {
                Span<float> row = rows.Slice((i - rowStart) * units, units);
                TensorPrimitives.MultiplyAdd(gradient, input[b * inputs + i], row, row);
            }
        }
    }

    private static void CheckRows(int inputLength, int kernelLength, int batch, int inputs, int units, int rowStart, int rowEnd)
    {
        VectorMath.CheckSameLength(batch * inputs, inputLength);
        VectorMath.CheckSameLength(inputs * units, kernelLength);
        if (rowStart < 0 || rowEnd > inputs || rowStart > rowEnd)
            throw new ArgumentOutOfRangeException(nameof(rowStart), $"Rows [{rowStart}, {rowEnd}) are not within the kernel's {inputs} rows.");
    }
}

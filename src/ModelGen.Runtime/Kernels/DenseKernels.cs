using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>
/// The affine map of a Dense layer over a batch, row-major throughout:
/// input <c>(batch, inputs)</c>, kernel <c>(inputs, units)</c>, bias <c>(units)</c>, output <c>(batch, units)</c>.
/// </summary>
/// <remarks>
/// With AVX-512 all three products (forward, dKernel, dInput) run on <see cref="MatrixMultiply"/>'s
/// register-blocked tiles, split over <see cref="ComputeThreads.Count"/> threads when large enough.
/// Elsewhere a portable path keeps a block of output columns in registers per sample, with
/// Vector256/Vector128 and scalar columns, so every width is exact on every machine.
/// </remarks>
public static class DenseKernels
{
    /// <summary>
    /// <c>output[b, o] = bias[o] + sum_i input[b, i] * kernel[i, o]</c>, clamped at zero when
    /// <paramref name="relu"/> is set (the activation fused into the store). An empty bias means none.
    /// </summary>
    public static unsafe void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        int batch, int inputs, int units, bool relu = false)
    {
        CheckShapes(input.Length, kernel.Length, bias.Length, output.Length, batch, inputs, units);
        if (!MatrixMultiply.IsSupported)
        {
            PortableForward(input, kernel, bias, output, batch, inputs, units);
            if (relu) ActivationKernels.Relu(output, output);
            return;
        }
        fixed (float* x = input, w = kernel, b = bias, y = output)
            new ProductJob(x, inputs, 1, w, b, y, batch, units, inputs, accumulate: false, relu).Run();
    }

    /// <summary>The path for machines without AVX-512 (internal so tests can check it on any machine).</summary>
    internal static void PortableForward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output, int batch, int inputs, int units)
    {
        ref float k = ref MemoryMarshal.GetReference(kernel);
        for (int b = 0; b < batch; b++)
        {
            ref float x = ref MemoryMarshal.GetReference(input.Slice(b * inputs, inputs));
            ref float y = ref MemoryMarshal.GetReference(output.Slice(b * units, units));
            ForwardRow(ref x, ref k, bias, ref y, inputs, units);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardRow(ref float x, ref float k, ReadOnlySpan<float> bias, ref float y, int inputs, int units)
    {
        int o = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; o + 64 <= units; o += 64)
            {
                Vector512<float> a0 = BiasOrZero512(bias, o), a1 = BiasOrZero512(bias, o + 16),
                                 a2 = BiasOrZero512(bias, o + 32), a3 = BiasOrZero512(bias, o + 48);
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector512.Create(Unsafe.Add(ref x, i));
                    nuint row = (nuint)(i * units + o);
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref k, row), xi, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref k, row + 16), xi, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref k, row + 32), xi, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref k, row + 48), xi, a3);
                }
                a0.StoreUnsafe(ref y, (nuint)o);
                a1.StoreUnsafe(ref y, (nuint)(o + 16));
                a2.StoreUnsafe(ref y, (nuint)(o + 32));
                a3.StoreUnsafe(ref y, (nuint)(o + 48));
            }
            for (; o + 16 <= units; o += 16)
            {
                Vector512<float> a0 = BiasOrZero512(bias, o);
                for (int i = 0; i < inputs; i++)
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref k, (nuint)(i * units + o)), Vector512.Create(Unsafe.Add(ref x, i)), a0);
                a0.StoreUnsafe(ref y, (nuint)o);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; o + 8 <= units; o += 8)
            {
                Vector256<float> a0 = bias.IsEmpty ? Vector256<float>.Zero : Vector256.Create(bias.Slice(o, 8));
                for (int i = 0; i < inputs; i++)
                    a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref k, (nuint)(i * units + o)), Vector256.Create(Unsafe.Add(ref x, i)), a0);
                a0.StoreUnsafe(ref y, (nuint)o);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; o + 4 <= units; o += 4)
            {
                Vector128<float> a0 = bias.IsEmpty ? Vector128<float>.Zero : Vector128.Create(bias.Slice(o, 4));
                for (int i = 0; i < inputs; i++)
                    a0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref k, (nuint)(i * units + o)), Vector128.Create(Unsafe.Add(ref x, i)), a0);
                a0.StoreUnsafe(ref y, (nuint)o);
            }
        }
        for (; o < units; o++)
        {
            float sum = bias.IsEmpty ? 0f : bias[o];
            for (int i = 0; i < inputs; i++)
                sum = float.MultiplyAddEstimate(Unsafe.Add(ref x, i), Unsafe.Add(ref k, i * units + o), sum);
            Unsafe.Add(ref y, o) = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> BiasOrZero512(ReadOnlySpan<float> bias, int offset) =>
        bias.IsEmpty ? Vector512<float>.Zero : Vector512.Create(bias.Slice(offset, 16));

    /// <summary>
    /// Backward of <see cref="Forward"/> given <c>dOutput = dLoss/dOutput</c>. Accumulates
    /// <c>dKernel += inputᵀ · dOutput</c> and <c>dBias += sum_b dOutput[b]</c>, or with
    /// <paramref name="accumulate"/> false overwrites them (a step's only pass needs no zeroed buffer), and overwrites
    /// <c>dInput = dOutput · kernelᵀ</c>. An empty <paramref name="dInput"/> skips the input gradient;
    /// an empty <paramref name="dBias"/> means the layer has no bias.
    /// </summary>
    public static unsafe void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, int batch, int inputs, int units, bool accumulate = true)
    {
        CheckShapes(input.Length, kernel.Length, dBias.Length, dOutput.Length, batch, inputs, units);
        VectorMath.CheckSameLength(kernel.Length, dKernel.Length);
        if (!dInput.IsEmpty) VectorMath.CheckSameLength(batch * inputs, dInput.Length);
        if (!MatrixMultiply.IsSupported)
        {
            if (!accumulate)
            {
                dKernel.Clear();
                dBias.Clear();
            }
            PortableBackward(input, kernel, dOutput, dKernel, dBias, dInput, batch, inputs, units);
            return;
        }

        // dInput = dOutput · kernelᵀ reads the kernel transposed, (units, inputs), so its rows stream like a forward pass.
        BackwardTransposed(input, dInput.IsEmpty ? default : TransposeScratch.Transpose(kernel, inputs, units), dOutput, dKernel, dBias, dInput, batch, inputs, units, accumulate);
    }

    /// <summary>
    /// <see cref="Backward"/> on the AVX-512 path given the kernel already transposed to <c>(units, inputs)</c>
    /// (unused when <paramref name="dInput"/> is empty), so callers that run many backward passes
    /// against one kernel (a convolution's chunks) transpose it once.
    /// </summary>
    internal static unsafe void BackwardTransposed(ReadOnlySpan<float> input, ReadOnlySpan<float> kernelTransposed, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, int batch, int inputs, int units, bool accumulate = true)
    {
        if (!dBias.IsEmpty)
        {
            if (!accumulate) dBias.Clear();
            fixed (float* dy = dOutput, db = dBias) VectorMath.AddColumnSums(dy, batch, units, db);
        }
        fixed (float* x = input, dy = dOutput, dw = dKernel, dx = dInput, wt = kernelTransposed)
        {
            // dKernel += inputᵀ · dOutput: A = inputᵀ, read in place with its strides swapped.
            new ProductJob(x, 1, inputs, dy, null, dw, inputs, units, batch, accumulate, relu: false).Run();
            if (dx != null) new ProductJob(dy, units, 1, wt, null, dx, batch, inputs, units, accumulate: false, relu: false).Run();
        }
    }

    /// <summary>The backward for machines without AVX-512 (internal so tests can check it on any machine).</summary>
    internal static void PortableBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, int batch, int inputs, int units)
    {
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> dRow = dOutput.Slice(b * units, units);
            if (!dBias.IsEmpty) VectorMath.MultiplyAdd(dRow, 1f, dBias);
            for (int i = 0; i < inputs; i++)
            {
                ReadOnlySpan<float> kernelRow = kernel.Slice(i * units, units);
                VectorMath.MultiplyAdd(dRow, input[b * inputs + i], dKernel.Slice(i * units, units));
                if (!dInput.IsEmpty) dInput[b * inputs + i] = VectorMath.Dot(dRow, kernelRow);
            }
        }
    }

    /// <summary>Scalar twin of <see cref="Forward"/>, the reference for tests.</summary>
    public static void ForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output, int batch, int inputs, int units)
    {
        CheckShapes(input.Length, kernel.Length, bias.Length, output.Length, batch, inputs, units);
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < units; o++)
            {
                double sum = bias.IsEmpty ? 0 : bias[o];
                for (int i = 0; i < inputs; i++) sum += (double)input[b * inputs + i] * kernel[i * units + o];
                output[b * units + o] = (float)sum;
            }
    }

    /// <summary>Scalar twin of <see cref="Backward"/>, the reference for tests.</summary>
    public static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, int batch, int inputs, int units)
    {
        CheckShapes(input.Length, kernel.Length, dBias.Length, dOutput.Length, batch, inputs, units);
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < units; o++)
            {
                float g = dOutput[b * units + o];
                if (!dBias.IsEmpty) dBias[o] += g;
                for (int i = 0; i < inputs; i++) dKernel[i * units + o] += input[b * inputs + i] * g;
            }
        if (dInput.IsEmpty) return;
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < inputs; i++)
            {
                double sum = 0;
                for (int o = 0; o < units; o++) sum += (double)dOutput[b * units + o] * kernel[i * units + o];
                dInput[b * inputs + i] = (float)sum;
            }
    }

    private static void CheckShapes(int inputLength, int kernelLength, int biasLength, int outputLength, int batch, int inputs, int units)
    {
        VectorMath.CheckSameLength(batch * inputs, inputLength, "input");
        VectorMath.CheckSameLength(inputs * units, kernelLength, "kernel");
        if (biasLength != 0) VectorMath.CheckSameLength(units, biasLength, "bias");
        VectorMath.CheckSameLength(batch * units, outputLength, "output");
    }
}

using System.Runtime.CompilerServices;

namespace ModelGen.Kernels;

/// <summary>
/// A Conv2D layer over an NHWC batch: input <c>(batch, Height, Width, Channels)</c>, kernel
/// <c>(KernelSize, KernelSize, Channels, Filters)</c> as Keras stores it, bias <c>(Filters)</c>,
/// output <c>(batch, OutHeight, OutWidth, Filters)</c>, all row-major; sizes in <see cref="Conv2DGeometry"/>.
/// </summary>
/// <remarks>
/// Layers with short patches (few input channels) run as a direct convolution (<see cref="DirectConvolution"/>);
/// the forward of a 3x3 stride-1 layer with channels and filters in sixteens by Winograd's F(4x4, 3x3)
/// (<see cref="WinogradConvolution"/>); the forward of other long-patch layers, with filters in
/// sixty-fours, as a product over the input read in place (<see cref="ImplicitConvolution"/>); the rest
/// as im2col then GEMM: the input is copied into a patch matrix <c>(PatchRows, PatchLength)</c> and
/// multiplied by the kernel with <see cref="DenseKernels"/>, so convolution shares the dense layer's
/// register-blocked loop, and in NHWC the product already is the next layer's input. Backward runs
/// the dense backward on the patches and scatters the patch gradient back onto the input (col2im).
/// Both passes walk the batch in chunks of <see cref="Conv2DGeometry.ChunkSamples"/> samples, so the
/// patch matrix a product reads was written moments before and is still in cache, and the
/// workspaces hold one chunk rather than the batch. They hold nothing between calls (backward
/// rebuilds the patches), so every convolution of a model may share one pair.
/// </remarks>
public static class Conv2DKernels
{
    /// <summary>
    /// <c>output[n, oy, ox, f] = bias[f] + sum_{ky, kx, c} input[n, oy*s - padTop + ky*d, ox*s - padLeft + kx*d, c] * kernel[ky, kx, c, f]</c>,
    /// cells outside the input counting as zero, clamped at zero when <paramref name="relu"/> is set.
    /// An empty bias means none. <paramref name="patches"/> is a workspace of at least
    /// <see cref="Conv2DGeometry.WorkspaceLength"/> floats, or empty for the calling thread's own (grown once): a
    /// model's shares of a training step run the same layer on several threads at once.
    /// </summary>
    public static unsafe void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        Span<float> patches, int batch, in Conv2DGeometry geometry, bool relu = false)
    {
        CheckShapes(input, kernel, bias, output, batch, geometry);
        if (DirectConvolution.Suits(geometry))
        {
            fixed (float* x = input, k = kernel, b = bias, y = output)
                DirectConvolution.Forward(x, k, b, y, batch, geometry, relu);
            return;
        }
        if (WinogradConvolution.Suits(geometry))
        {
            fixed (float* x = input, k = kernel, b = bias, y = output)
                WinogradConvolution.Forward(x, k, b, y, batch, geometry, relu);
            return;
        }
        if (ImplicitConvolution.Suits(geometry))
        {
            fixed (float* x = input, k = kernel, b = bias, y = output)
                ImplicitConvolution.Forward(x, k, b, y, batch, geometry, relu);
            return;
        }
        if (geometry.InputIsPatchMatrix)
        {
            DenseKernels.Forward(input, kernel, bias, output, geometry.PatchRows(batch), geometry.PatchLength, geometry.Filters, relu);
            return;
        }
        if (patches.IsEmpty) patches = Im2ColConvolution.ThreadPatches(geometry.WorkspaceLength(batch));
        CheckWorkspace(patches, batch, geometry);
        fixed (float* x = input, k = kernel, b = bias, y = output, p = patches)
            Im2ColConvolution.Forward(x, k, b, y, p, batch, geometry, relu);
    }

    /// <summary>
    /// Backward of <see cref="Forward"/> given <c>dOutput = dLoss/dOutput</c>: accumulates
    /// <paramref name="dKernel"/> and <paramref name="dBias"/> (<c>+=</c>) and overwrites
    /// <paramref name="dInput"/>. An empty <paramref name="dBias"/> means no bias; an empty
    /// <paramref name="dInput"/> skips the input gradient, and then <paramref name="dPatches"/> may be
    /// empty too. Both workspaces hold at least <see cref="Conv2DGeometry.WorkspaceLength"/> floats, or are empty for
    /// the calling thread's own, as in <see cref="Forward"/>.
    /// </summary>
    public static unsafe void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, Span<float> patches, Span<float> dPatches, int batch, in Conv2DGeometry geometry)
    {
        CheckShapes(input, kernel, dBias, dOutput, batch, geometry);
        Guard.Length(dKernel, geometry.KernelLength, nameof(dKernel));
        if (!dInput.IsEmpty) Guard.Length(dInput, geometry.InputLength(batch), nameof(dInput));
        if (DirectConvolution.Suits(geometry))
        {
            fixed (float* x = input, k = kernel, dy = dOutput, dk = dKernel, db = dBias, dx = dInput)
                DirectConvolution.Backward(x, k, dy, dk, db, dx, batch, geometry);
            return;
        }
        if (WinogradConvolution.Suits(geometry))
        {
            fixed (float* x = input, k = kernel, dy = dOutput, dk = dKernel, db = dBias, dx = dInput)
                WinogradConvolution.Backward(x, k, dy, dk, db, dx, batch, geometry);
            return;
        }
        if (geometry.InputIsPatchMatrix)
        {
            DenseKernels.Backward(input, kernel, dOutput, dKernel, dBias, dInput, geometry.PatchRows(batch), geometry.PatchLength, geometry.Filters);
            return;
        }
        if (patches.IsEmpty) patches = Im2ColConvolution.ThreadPatches(geometry.WorkspaceLength(batch));
        if (!dInput.IsEmpty && dPatches.IsEmpty) dPatches = Im2ColConvolution.ThreadPatchGradient(geometry.WorkspaceLength(batch));
        CheckWorkspace(patches, batch, geometry);
        if (!dInput.IsEmpty) CheckWorkspace(dPatches, batch, geometry);
        if (!MatrixMultiply.IsSupported)
        {
            PortableBackward(input, kernel, dOutput, dKernel, dBias, dInput, patches, dPatches, batch, geometry);
            return;
        }
        fixed (float* x = input, k = kernel, dy = dOutput, dk = dKernel, db = dBias, dx = dInput, p = patches, dp = dPatches)
            Im2ColConvolution.Backward(x, k, dy, dk, db, dx, p, dp, batch, geometry);
    }

    // Without AVX-512 the chunks run one after another through DenseKernels' portable path.
    private static void PortableBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, Span<float> patches, Span<float> dPatches, int batch, in Conv2DGeometry geometry)
    {
        int chunk = geometry.ChunkSamples, inputLength = geometry.InputLength(1), outputLength = geometry.OutputLength(1);
        for (int first = 0; first < batch; first += chunk)
        {
            int samples = Math.Min(chunk, batch - first), length = geometry.WorkspaceLength(samples);
            Span<float> chunkPatches = patches[..length];
            PatchMatrix.Gather(input.Slice(first * inputLength, samples * inputLength), chunkPatches, samples, geometry);
            Span<float> chunkPatchGradient = dInput.IsEmpty ? default : dPatches[..length];
            DenseKernels.PortableBackward(chunkPatches, kernel, dOutput.Slice(first * outputLength, samples * outputLength), dKernel, dBias, chunkPatchGradient,
                geometry.PatchRows(samples), geometry.PatchLength, geometry.Filters);
            if (!dInput.IsEmpty)
                PatchMatrix.ScatterAdd(chunkPatchGradient, dInput.Slice(first * inputLength, samples * inputLength), samples, geometry);
        }
    }

    private static void CheckWorkspace(ReadOnlySpan<float> workspace, int batch, in Conv2DGeometry geometry,
        [CallerArgumentExpression(nameof(workspace))] string name = "")
    {
        int needed = geometry.WorkspaceLength(batch);
        if (workspace.Length < needed)
            throw new ArgumentException($"Expected at least {needed} floats in {name}, got {workspace.Length}.", name);
    }

    /// <summary>Scalar twin of <see cref="Forward"/> straight from the definition, the reference for tests.</summary>
    public static void ForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        int batch, in Conv2DGeometry geometry)
    {
        CheckShapes(input, kernel, bias, output, batch, geometry);
        int filters = geometry.Filters, row = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < geometry.OutHeight; oy++)
                for (int ox = 0; ox < geometry.OutWidth; ox++, row++)
                    for (int f = 0; f < filters; f++)
                    {
                        double sum = bias.IsEmpty ? 0 : bias[f];
                        foreach (var (inputIndex, kernelRow) in Taps(geometry, n, oy, ox))
                            for (int c = 0; c < geometry.Channels; c++)
                                sum += (double)input[inputIndex + c] * kernel[(kernelRow + c) * filters + f];
                        output[row * filters + f] = (float)sum;
                    }
    }

    /// <summary>Scalar twin of <see cref="Backward"/> straight from the definition, the reference for tests.</summary>
    public static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dOutput,
        Span<float> dKernel, Span<float> dBias, Span<float> dInput, int batch, in Conv2DGeometry geometry)
    {
        CheckShapes(input, kernel, dBias, dOutput, batch, geometry);
        dInput.Clear();
        int filters = geometry.Filters, row = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < geometry.OutHeight; oy++)
                for (int ox = 0; ox < geometry.OutWidth; ox++, row++)
                    for (int f = 0; f < filters; f++)
                    {
                        float g = dOutput[row * filters + f];
                        if (!dBias.IsEmpty) dBias[f] += g;
                        foreach (var (inputIndex, kernelRow) in Taps(geometry, n, oy, ox))
                            for (int c = 0; c < geometry.Channels; c++)
                            {
                                int k = (kernelRow + c) * filters + f;
                                dKernel[k] += input[inputIndex + c] * g;
                                if (!dInput.IsEmpty) dInput[inputIndex + c] += kernel[k] * g;
                            }
                    }
    }

    /// <summary>For each tap inside the input: the index of its first channel and the kernel row <c>(ky * KernelSize + kx) * Channels</c>.</summary>
    private static IEnumerable<(int InputIndex, int KernelRow)> Taps(Conv2DGeometry g, int n, int oy, int ox)
    {
        for (int ky = 0; ky < g.KernelSize; ky++)
            for (int kx = 0; kx < g.KernelSize; kx++)
            {
                int iy = oy * g.Stride - g.PadTop + ky * g.Dilation, ix = ox * g.Stride - g.PadLeft + kx * g.Dilation;
                if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width)
                    yield return ((((n * g.Height) + iy) * g.Width + ix) * g.Channels, (ky * g.KernelSize + kx) * g.Channels);
            }
    }

    private static void CheckShapes(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> output,
        int batch, in Conv2DGeometry geometry,
        [CallerArgumentExpression(nameof(bias))] string biasName = "", [CallerArgumentExpression(nameof(output))] string outputName = "")
    {
        Guard.Length(input, geometry.InputLength(batch), nameof(input));
        Guard.Length(kernel, geometry.KernelLength, nameof(kernel));
        if (!bias.IsEmpty) Guard.Length(bias, geometry.Filters, biasName);
        Guard.Length(output, geometry.OutputLength(batch), outputName);
    }
}

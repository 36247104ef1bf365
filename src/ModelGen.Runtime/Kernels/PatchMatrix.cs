using System.Numerics.Tensors;

namespace ModelGen.Kernels;

/// <summary>
/// im2col and its adjoint for <see cref="Conv2DKernels"/>. Row <c>(n, oy, ox)</c> of the patch matrix
/// holds the input cells under the kernel at that output pixel, in the kernel's own order
/// <c>(ky, kx, channel)</c>, with zeros where a tap falls in the padding.
/// </summary>
/// <remarks>
/// In NHWC a tap's channels are contiguous, and with dilation 1 so are the taps of one kernel row,
/// so each kernel row is one span copy (or one vector add going back) rather than a loop of scalars.
/// </remarks>
internal static class PatchMatrix
{
    /// <summary>Writes every row of <paramref name="patches"/> from <paramref name="input"/>.</summary>
    public static void Gather(ReadOnlySpan<float> input, Span<float> patches, int batch, in Conv2DGeometry g)
    {
        int channels = g.Channels, rowLength = g.KernelSize * channels, row = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
            {
                int top = oy * g.Stride - g.PadTop;
                var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
                for (int ox = 0; ox < g.OutWidth; ox++, row++)
                {
                    int left = ox * g.Stride - g.PadLeft;
                    var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
                    Span<float> patch = patches.Slice(row * g.PatchLength, g.PatchLength);
                    patch[..(kyFirst * rowLength)].Clear();
                    patch[(kyEnd * rowLength)..].Clear();
                    for (int ky = kyFirst; ky < kyEnd; ky++)
                    {
                        Span<float> patchRow = patch.Slice(ky * rowLength, rowLength);
                        patchRow[..(kxFirst * channels)].Clear();
                        patchRow[(kxEnd * channels)..].Clear();
                        if (kxFirst == kxEnd) continue;
                        ReadOnlySpan<float> inputRow = input.Slice(((n * g.Height) + top + ky * g.Dilation) * g.Width * channels, g.Width * channels);
                        if (g.Dilation == 1)
                        {
                            inputRow.Slice((left + kxFirst) * channels, (kxEnd - kxFirst) * channels).CopyTo(patchRow[(kxFirst * channels)..]);
                            continue;
                        }
                        for (int kx = kxFirst; kx < kxEnd; kx++)
                            inputRow.Slice((left + kx * g.Dilation) * channels, channels).CopyTo(patchRow.Slice(kx * channels, channels));
                    }
                }
            }
    }

    /// <summary>
    /// Overwrites <paramref name="dInput"/> with the sum, over every patch, of the patch gradient
    /// entries that came from each input cell; entries from padding are dropped.
    /// </summary>
    public static void ScatterAdd(ReadOnlySpan<float> dPatches, Span<float> dInput, int batch, in Conv2DGeometry g)
    {
        dInput.Clear();
        int channels = g.Channels, rowLength = g.KernelSize * channels, row = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
            {
                int top = oy * g.Stride - g.PadTop;
                var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
                for (int ox = 0; ox < g.OutWidth; ox++, row++)
                {
                    int left = ox * g.Stride - g.PadLeft;
                    var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
                    if (kxFirst == kxEnd) continue;
                    ReadOnlySpan<float> patch = dPatches.Slice(row * g.PatchLength, g.PatchLength);
                    for (int ky = kyFirst; ky < kyEnd; ky++)
                    {
                        ReadOnlySpan<float> patchRow = patch.Slice(ky * rowLength, rowLength);
                        Span<float> inputRow = dInput.Slice(((n * g.Height) + top + ky * g.Dilation) * g.Width * channels, g.Width * channels);
                        if (g.Dilation == 1)
                        {
                            Span<float> run = inputRow.Slice((left + kxFirst) * channels, (kxEnd - kxFirst) * channels);
                            TensorPrimitives.Add(run, patchRow.Slice(kxFirst * channels, run.Length), run);
                            continue;
                        }
                        for (int kx = kxFirst; kx < kxEnd; kx++)
                        {
                            Span<float> run = inputRow.Slice((left + kx * g.Dilation) * channels, channels);
                            TensorPrimitives.Add(run, patchRow.Slice(kx * channels, channels), run);
                        }
                    }
                }
            }
    }
}

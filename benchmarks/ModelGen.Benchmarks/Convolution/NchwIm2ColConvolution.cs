using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using ModelGen.Kernels;

namespace ModelGen.Benchmarks.Convolution;

/// <summary>
/// A candidate measured against <see cref="Conv2DKernels.Forward"/>: im2col + GEMM over NCHW, as
/// Caffe and PyTorch's CPU path do it. Input <c>(batch, Channels, Height, Width)</c>, kernel
/// <c>(Filters, Channels, KernelSize, KernelSize)</c> as PyTorch stores it, bias <c>(Filters)</c>,
/// output <c>(batch, Filters, OutHeight, OutWidth)</c>.
/// </summary>
/// <remarks>
/// Per image, the columns matrix <c>(Channels * KernelSize * KernelSize, OutHeight * OutWidth)</c>
/// holds in row <c>(c, ky, kx)</c> that tap's input cell for every output pixel, and
/// <c>kernel · columns</c> is the <c>(Filters, pixels)</c> NCHW output: the same
/// <see cref="DenseKernels.Forward"/> with the kernel as its input rows and the pixels as its units,
/// so the register block runs along pixels instead of filters. The bias is per row here, which the
/// dense kernel does not do, so it is added after. Written only for what the measured layers need:
/// stride 1 and dilation 1.
/// </remarks>
internal static class NchwIm2ColConvolution
{
    /// <summary>Floats in the <paramref name="columns"/> workspace of <see cref="Forward"/>: one image's columns matrix.</summary>
    public static int WorkspaceLength(in Conv2DGeometry g) => g.PatchLength * g.OutHeight * g.OutWidth;

    /// <remarks>
    /// Not inlined into the benchmark method. When it was, dynamic PGO inlined this, the dense kernel
    /// and its row loop into that method but left the row loop's bias helper (marked
    /// AggressiveInlining) a call and kept the four accumulators on the stack, loading and storing them
    /// around every FMA (seen in <c>DOTNET_JitDisasm</c>): three times slower than the same code
    /// compiled with <c>DOTNET_TieredPGO=0</c>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        Span<float> columns, int batch, in Conv2DGeometry g)
    {
        if (g.Stride != 1 || g.Dilation != 1) throw new ArgumentException("The NCHW candidate needs stride 1 and dilation 1.", nameof(g));
        if (input.Length != g.InputLength(batch) || kernel.Length != g.KernelLength || bias.Length != g.Filters
            || output.Length != g.OutputLength(batch) || columns.Length != WorkspaceLength(g))
            throw new ArgumentException("A tensor's length does not match the geometry.");

        int imageLength = g.Height * g.Width * g.Channels, pixels = g.OutHeight * g.OutWidth;
        for (int n = 0; n < batch; n++)
        {
            Gather(input.Slice(n * imageLength, imageLength), columns, g);
            Span<float> image = output.Slice(n * g.Filters * pixels, g.Filters * pixels);
            DenseKernels.Forward(kernel, columns, ReadOnlySpan<float>.Empty, image, g.Filters, g.PatchLength, pixels);
            for (int f = 0; f < g.Filters; f++)
            {
                Span<float> plane = image.Slice(f * pixels, pixels);
                TensorPrimitives.Add(plane, bias[f], plane);
            }
        }
    }

    /// <summary>
    /// Writes one image's columns matrix. With stride 1 each output row of a tap is one run of an
    /// input row, shifted by the tap, with zeros where it overhangs the padding.
    /// </summary>
    private static void Gather(ReadOnlySpan<float> image, Span<float> columns, in Conv2DGeometry g)
    {
        int outWidth = g.OutWidth, pixels = g.OutHeight * outWidth, row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ky = 0; ky < g.KernelSize; ky++)
                for (int kx = 0; kx < g.KernelSize; kx++, row++)
                {
                    int shift = kx - g.PadLeft;
                    int oxFirst = Math.Clamp(-shift, 0, outWidth), oxEnd = Math.Clamp(g.Width - shift, oxFirst, outWidth);
                    for (int oy = 0; oy < g.OutHeight; oy++)
                    {
                        Span<float> line = columns.Slice(row * pixels + oy * outWidth, outWidth);
                        int iy = oy - g.PadTop + ky;
                        if (iy < 0 || iy >= g.Height)
                        {
                            line.Clear();
                            continue;
                        }
                        line[..oxFirst].Clear();
                        image.Slice((c * g.Height + iy) * g.Width + oxFirst + shift, oxEnd - oxFirst).CopyTo(line[oxFirst..]);
                        line[oxEnd..].Clear();
                    }
                }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ModelGen.Kernels;

namespace ModelGen.Benchmarks.Convolution;

/// <summary>
/// A candidate measured against <see cref="Conv2DKernels.Forward"/>: direct convolution over NHWC,
/// same tensors and result, no patch matrix. Input <c>(batch, Height, Width, Channels)</c>, kernel
/// <c>(KernelSize, KernelSize, Channels, Filters)</c>, bias <c>(Filters)</c>, output
/// <c>(batch, OutHeight, OutWidth, Filters)</c>.
/// </summary>
/// <remarks>
/// For each output pixel a block of output channels stays in registers while the taps inside the
/// input stream past: for each tap and input channel, one broadcast of the input cell and one FMA per
/// kernel-row vector. The blocks are the dense kernel's Vector512 blocks (64 channels as four
/// accumulators, then 16 as one), so what differs from im2col + GEMM is that the patch is read in
/// place, one kernel row of taps at a time, instead of copied. With dilation 1 the taps of one kernel
/// row are one contiguous run of <c>kw * Channels</c> input cells and kernel rows, the run im2col copies. Written only for what the
/// measured layers need: dilation 1, <c>Filters</c> a multiple of 16, Vector512 hardware.
/// </remarks>
internal static class DirectNhwcConvolution
{
    /// <remarks>Not inlined into the benchmark method, like <see cref="NchwIm2ColConvolution.Forward"/> (see there).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Span<float> output,
        int batch, in Conv2DGeometry g)
    {
        if (!Vector512.IsHardwareAccelerated) throw new PlatformNotSupportedException("The direct candidate is written for Vector512 only.");
        if (g.Dilation != 1 || g.Filters % 16 != 0) throw new ArgumentException("The direct candidate needs dilation 1 and a multiple of 16 filters.", nameof(g));
        if (input.Length != g.InputLength(batch) || kernel.Length != g.KernelLength || bias.Length != g.Filters || output.Length != g.OutputLength(batch))
            throw new ArgumentException("A tensor's length does not match the geometry.");

        ref float x = ref MemoryMarshal.GetReference(input);
        ref float k = ref MemoryMarshal.GetReference(kernel);
        ref float y = ref MemoryMarshal.GetReference(output);
        int channels = g.Channels, filters = g.Filters, pixel = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
            {
                int top = oy * g.Stride - g.PadTop;
                var (kyFirst, kyEnd) = Inside(top, g.KernelSize, g.Height);
                for (int ox = 0; ox < g.OutWidth; ox++, pixel++)
                {
                    int left = ox * g.Stride - g.PadLeft;
                    var (kxFirst, kxEnd) = Inside(left, g.KernelSize, g.Width);
                    int run = (kxEnd - kxFirst) * channels;
                    ref float outPixel = ref Unsafe.Add(ref y, pixel * filters);
                    int o = 0;
                    for (; o + 64 <= filters; o += 64)
                    {
                        Vector512<float> a0 = Vector512.Create(bias.Slice(o, 16)), a1 = Vector512.Create(bias.Slice(o + 16, 16)),
                                         a2 = Vector512.Create(bias.Slice(o + 32, 16)), a3 = Vector512.Create(bias.Slice(o + 48, 16));
                        for (int ky = kyFirst; ky < kyEnd; ky++)
                        {
                            ref float cells = ref Unsafe.Add(ref x, (((n * g.Height) + top + ky) * g.Width + left + kxFirst) * channels);
                            ref float rows = ref Unsafe.Add(ref k, ((ky * g.KernelSize + kxFirst) * channels) * filters + o);
                            for (int i = 0; i < run; i++)
                            {
                                var xi = Vector512.Create(Unsafe.Add(ref cells, i));
                                nuint row = (nuint)(i * filters);
                                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rows, row), xi, a0);
                                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rows, row + 16), xi, a1);
                                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rows, row + 32), xi, a2);
                                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rows, row + 48), xi, a3);
                            }
                        }
                        a0.StoreUnsafe(ref outPixel, (nuint)o);
                        a1.StoreUnsafe(ref outPixel, (nuint)(o + 16));
                        a2.StoreUnsafe(ref outPixel, (nuint)(o + 32));
                        a3.StoreUnsafe(ref outPixel, (nuint)(o + 48));
                    }
                    for (; o < filters; o += 16)
                    {
                        Vector512<float> a0 = Vector512.Create(bias.Slice(o, 16));
                        for (int ky = kyFirst; ky < kyEnd; ky++)
                        {
                            ref float cells = ref Unsafe.Add(ref x, (((n * g.Height) + top + ky) * g.Width + left + kxFirst) * channels);
                            ref float rows = ref Unsafe.Add(ref k, ((ky * g.KernelSize + kxFirst) * channels) * filters + o);
                            for (int i = 0; i < run; i++)
                                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rows, (nuint)(i * filters)), Vector512.Create(Unsafe.Add(ref cells, i)), a0);
                        }
                        a0.StoreUnsafe(ref outPixel, (nuint)o);
                    }
                }
            }
    }

    /// <summary>The taps <c>[First, End)</c> of a dilation-1 window starting at <paramref name="start"/> that land in <c>[0, extent)</c>.</summary>
    private static (int First, int End) Inside(int start, int taps, int extent)
    {
        int first = Math.Clamp(-start, 0, taps), end = Math.Clamp(extent - start, 0, taps);
        return (first, Math.Max(first, end));
    }
}

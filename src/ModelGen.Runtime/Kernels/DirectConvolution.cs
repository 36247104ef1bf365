using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>
/// Convolution straight from the NHWC input, for layers whose patches are short (few input
/// channels, such as a first layer over grey or RGB pixels). There im2col would copy more than
/// the product computes and the product's depth would be too short to fill a register tile; here
/// each output pixel keeps its filters in one or two zmm accumulators and every in-bounds tap adds
/// one broadcast input value times a row of the kernel, which stays in L1.
/// </summary>
/// <remarks>
/// Filters go in groups of 32 (two vectors), with a last group of 16. Backward accumulates
/// dKernel in memory (it is small and L1-resident) and forms dInput from one dot product per tap.
/// Callers check <see cref="Suits"/>; sums run in a different order from the im2col path, so
/// results agree with it to rounding, not to the bit.
/// </remarks>
internal static unsafe class DirectConvolution
{
    // Longest patch (KernelSize^2 * Channels) taken here; conv1 of an MNIST LeNet has 9, of an RGB net 27.
    private const int MaxPatchLength = 32;

    /// <summary>Whether <paramref name="g"/> runs faster here than through im2col: short patches, filters a multiple of 16.</summary>
    public static bool Suits(in Conv2DGeometry g) =>
        Vector512.IsHardwareAccelerated && g.PatchLength <= MaxPatchLength && g.Filters % 16 == 0;

    public static void Forward(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        int filters = g.Filters;
        for (int f0 = 0; f0 < filters; f0 += 32)
        {
            bool pair = f0 + 32 <= filters;
            float* y = output + f0;
            for (int n = 0; n < batch; n++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    int top = oy * g.Stride - g.PadTop;
                    var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
                    for (int ox = 0; ox < g.OutWidth; ox++, y += filters)
                    {
                        int left = ox * g.Stride - g.PadLeft;
                        var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
                        Vector512<float> a0 = bias != null ? Vector512.Load(bias + f0) : default;
                        Vector512<float> a1 = pair && bias != null ? Vector512.Load(bias + f0 + 16) : default;
                        for (int ky = kyFirst; ky < kyEnd; ky++)
                            for (int kx = kxFirst; kx < kxEnd; kx++)
                            {
                                float* x = input + (((nint)n * g.Height + top + ky * g.Dilation) * g.Width + left + kx * g.Dilation) * g.Channels;
                                float* k = kernel + (nint)(ky * g.KernelSize + kx) * g.Channels * filters + f0;
                                for (int c = 0; c < g.Channels; c++, k += filters)
                                {
                                    var xc = Vector512.Create(x[c]);
                                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(k), xc, a0);
                                    if (pair) a1 = Vector512.FusedMultiplyAdd(Vector512.Load(k + 16), xc, a1);
                                }
                            }
                        (relu ? Vector512.Max(a0, Vector512<float>.Zero) : a0).Store(y);
                        if (pair) (relu ? Vector512.Max(a1, Vector512<float>.Zero) : a1).Store(y + 16);
                    }
                }
        }
    }

    /// <summary>Accumulates dKernel and dBias; overwrites dInput unless it is null.</summary>
    public static void Backward(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput, int batch, in Conv2DGeometry g)
    {
        int filters = g.Filters;
        if (dInput != null) new Span<float>(dInput, g.InputLength(batch)).Clear();
        float* dy = dOutput;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
            {
                int top = oy * g.Stride - g.PadTop;
                var (kyFirst, kyEnd) = WindowAxis.Inside(top, g.Dilation, g.KernelSize, g.Height);
                for (int ox = 0; ox < g.OutWidth; ox++, dy += filters)
                {
                    int left = ox * g.Stride - g.PadLeft;
                    var (kxFirst, kxEnd) = WindowAxis.Inside(left, g.Dilation, g.KernelSize, g.Width);
                    if (dBias != null)
                        for (int f = 0; f < filters; f += 16) (Vector512.Load(dBias + f) + Vector512.Load(dy + f)).Store(dBias + f);
                    for (int ky = kyFirst; ky < kyEnd; ky++)
                        for (int kx = kxFirst; kx < kxEnd; kx++)
                        {
                            nint cell = (((nint)n * g.Height + top + ky * g.Dilation) * g.Width + left + kx * g.Dilation) * g.Channels;
                            nint tap = (nint)(ky * g.KernelSize + kx) * g.Channels * filters;
                            for (int c = 0; c < g.Channels; c++)
                            {
                                float* dk = dKernel + tap + c * filters;
                                float* k = kernel + tap + c * filters;
                                var xc = Vector512.Create(input[cell + c]);
                                var dot = Vector512<float>.Zero;
                                for (int f = 0; f < filters; f += 16)
                                {
                                    var g16 = Vector512.Load(dy + f);
                                    Vector512.FusedMultiplyAdd(g16, xc, Vector512.Load(dk + f)).Store(dk + f);
                                    if (dInput != null) dot = Vector512.FusedMultiplyAdd(g16, Vector512.Load(k + f), dot);
                                }
                                if (dInput != null) dInput[cell + c] += Vector512.Sum(dot);
                            }
                        }
                }
            }
    }
}

using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>
/// Forward of a convolution with long patches that Winograd's tiles do not take (strided, dilated, or
/// channels not in sixteens) as a matrix product whose rows are output pixels, read in place instead
/// of copied into an im2col patch matrix: each pixel's row is its window's first cell plus a table of tap offsets. Six pixels by 64 filters make
/// a register tile of 24 accumulators, the matrix product's, and the pixels run across row ends, so
/// only a sample's last tile overlaps (it moves back and rewrites a few outputs with the same values).
/// </summary>
/// <remarks>
/// A padded input is first copied into a zero-bordered buffer (<see cref="ZeroBorderedCopy"/>), one
/// sample at a time, so every window lies inside. Sums run over the taps in the im2col product's order, with the
/// bias added at the store as there; backward stays with im2col, which needs the patches anyway.
/// </remarks>
internal static unsafe class ImplicitConvolution
{
    private const int TileFilters = 64;

    /// <summary>Whether <paramref name="g"/> runs here: AVX-512, patches too long for the direct path, filters in sixty-fours.</summary>
    public static bool Suits(in Conv2DGeometry g) =>
        Vector512.IsHardwareAccelerated && !DirectConvolution.Suits(g) && !g.InputIsPatchMatrix && g.Filters % TileFilters == 0 && g.OutHeight * g.OutWidth >= 6;

    /// <summary>
    /// Forward over a batch, its samples split over <see cref="ComputeThreads.Count"/> threads when large
    /// enough; one sample (<c>Predict</c>) splits its pixel tiles instead.
    /// </summary>
    public static void Forward(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        var job = new ConvolutionJob(input, kernel, bias, output, null, null, null, null, null, null, batch, g, relu);
        long multiplyAdds = (long)g.OutputLength(batch) * g.PatchLength;
        ComputeTeam.Run(&ForwardPart, &job, ComputeTeam.Threads(batch == 1 ? Tiles(g) : batch, multiplyAdds));
    }

    private static int Tiles(in Conv2DGeometry g) => (g.OutHeight * g.OutWidth + 5) / 6;

    private static void ForwardPart(void* arguments, int part, int parts)
    {
        ref ConvolutionJob job = ref *(ConvolutionJob*)arguments;
        Conv2DGeometry g = job.Geometry;
        bool splitTiles = job.Batch == 1 && parts > 1;
        var (first, end) = splitTiles ? (0, 1) : ComputeTeam.Range(job.Batch, part, parts);
        var (tileFirst, tileEnd) = splitTiles ? ComputeTeam.Range(Tiles(g), part, parts) : (0, Tiles(g));
        if (first >= end || tileFirst >= tileEnd) return;
        bool bordered = ZeroBorderedCopy.Needed(g);
        Conv2DGeometry inside = bordered ? ZeroBorderedCopy.Bordered(g) : g;
        int* taps = stackalloc int[g.PatchLength];
        DirectConvolution.TapOffsets(new Span<int>(taps, g.PatchLength), inside);
        for (int n = first; n < end; n++)
        {
            float* x = job.Input + (nint)n * g.InputLength(1);
            if (bordered) x = ZeroBorderedCopy.Make(x, g);
            Sample(x, inside.Width, taps, job.Kernel, job.BiasOrGradient, job.Output + (nint)n * g.OutputLength(1), tileFirst, tileEnd, g, job.Relu);
        }
    }

    /// <summary>Tiles <c>[tileFirst, tileEnd)</c> of one sample's output pixels, six at a time, from an input wholly covering every window.</summary>
    private static void Sample(float* x, int width, int* taps, float* kernel, float* bias, float* y, int tileFirst, int tileEnd, in Conv2DGeometry g, bool relu)
    {
        int pixels = g.OutHeight * g.OutWidth, outWidth = g.OutWidth, filters = g.Filters, patchLength = g.PatchLength;
        nint rowStep = (nint)g.Stride * width * g.Channels, columnStep = (nint)g.Stride * g.Channels;
        float** windows = stackalloc float*[6];
        for (int first = 6 * tileFirst; first < 6 * tileEnd; first += 6)
        {
            int tile = Math.Min(first, pixels - 6);
            for (int i = 0; i < 6; i++)
            {
                (int oy, int ox) = Math.DivRem(tile + i, outWidth);
                windows[i] = x + oy * rowStep + ox * columnStep;
            }
            for (int f0 = 0; f0 < filters; f0 += TileFilters)
                SixPixels(windows, taps, patchLength, kernel + f0, filters, bias == null ? null : bias + f0, y + (nint)tile * filters + f0, relu);
        }
    }

    /// <summary>Six output pixels by 64 filters: 24 accumulators, four kernel vectors and six broadcasts per tap.</summary>
    private static void SixPixels(float** windows, int* taps, int patchLength, float* kernel, int filters, float* bias, float* y, bool relu)
    {
        float* w0 = windows[0], w1 = windows[1], w2 = windows[2], w3 = windows[3], w4 = windows[4], w5 = windows[5];
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default;
        Vector512<float> a50 = default, a51 = default, a52 = default, a53 = default;
        for (int p = 0; p < patchLength; p++, kernel += filters)
        {
            int tap = taps[p];
            Vector512<float> k0 = Vector512.Load(kernel), k1 = Vector512.Load(kernel + 16), k2 = Vector512.Load(kernel + 32), k3 = Vector512.Load(kernel + 48);
            var x = Vector512.Create(w0[tap]);
            a00 = Vector512.FusedMultiplyAdd(x, k0, a00); a01 = Vector512.FusedMultiplyAdd(x, k1, a01);
            a02 = Vector512.FusedMultiplyAdd(x, k2, a02); a03 = Vector512.FusedMultiplyAdd(x, k3, a03);
            x = Vector512.Create(w1[tap]);
            a10 = Vector512.FusedMultiplyAdd(x, k0, a10); a11 = Vector512.FusedMultiplyAdd(x, k1, a11);
            a12 = Vector512.FusedMultiplyAdd(x, k2, a12); a13 = Vector512.FusedMultiplyAdd(x, k3, a13);
            x = Vector512.Create(w2[tap]);
            a20 = Vector512.FusedMultiplyAdd(x, k0, a20); a21 = Vector512.FusedMultiplyAdd(x, k1, a21);
            a22 = Vector512.FusedMultiplyAdd(x, k2, a22); a23 = Vector512.FusedMultiplyAdd(x, k3, a23);
            x = Vector512.Create(w3[tap]);
            a30 = Vector512.FusedMultiplyAdd(x, k0, a30); a31 = Vector512.FusedMultiplyAdd(x, k1, a31);
            a32 = Vector512.FusedMultiplyAdd(x, k2, a32); a33 = Vector512.FusedMultiplyAdd(x, k3, a33);
            x = Vector512.Create(w4[tap]);
            a40 = Vector512.FusedMultiplyAdd(x, k0, a40); a41 = Vector512.FusedMultiplyAdd(x, k1, a41);
            a42 = Vector512.FusedMultiplyAdd(x, k2, a42); a43 = Vector512.FusedMultiplyAdd(x, k3, a43);
            x = Vector512.Create(w5[tap]);
            a50 = Vector512.FusedMultiplyAdd(x, k0, a50); a51 = Vector512.FusedMultiplyAdd(x, k1, a51);
            a52 = Vector512.FusedMultiplyAdd(x, k2, a52); a53 = Vector512.FusedMultiplyAdd(x, k3, a53);
        }
        Store(y, bias, relu, a00, a01, a02, a03);
        Store(y + filters, bias, relu, a10, a11, a12, a13);
        Store(y + 2 * filters, bias, relu, a20, a21, a22, a23);
        Store(y + 3 * filters, bias, relu, a30, a31, a32, a33);
        Store(y + 4 * filters, bias, relu, a40, a41, a42, a43);
        Store(y + 5 * filters, bias, relu, a50, a51, a52, a53);
    }

    private static void Store(float* y, float* bias, bool relu, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        if (bias != null)
        {
            a0 += Vector512.Load(bias); a1 += Vector512.Load(bias + 16); a2 += Vector512.Load(bias + 32); a3 += Vector512.Load(bias + 48);
        }
        if (relu)
        {
            a0 = Vector512.Max(a0, Vector512<float>.Zero); a1 = Vector512.Max(a1, Vector512<float>.Zero);
            a2 = Vector512.Max(a2, Vector512<float>.Zero); a3 = Vector512.Max(a3, Vector512<float>.Zero);
        }
        a0.Store(y); a1.Store(y + 16); a2.Store(y + 32); a3.Store(y + 48);
    }
}

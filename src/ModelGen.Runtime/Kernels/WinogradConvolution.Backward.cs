using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>
/// Backward of the Winograd forward, in the same transformed domain. The input gradient of a 3x3
/// stride-1 convolution is itself one (over dOutput, with the kernel turned half a turn and its channels
/// and filters swapped), so it runs through <see cref="Forward"/>. The kernel gradient is the forward's
/// adjoint: per tile <c>dM = A dY Aᵀ</c>, per position <c>dU_p += V_pᵀ dM_p</c> summed over every tile,
/// and at the end <c>dK += Gᵀ dU G</c>, again 4x fewer multiply-adds than the im2col product.
/// </summary>
/// <remarks>
/// Parts of the batch's tiles sum dU and the bias gradient into buffers of their own threads, which the
/// caller adds together before the one transform back. Chunks are longer than the forward's, because
/// here the tiles are the products' depth and a short depth spends its time loading and storing dU.
/// </remarks>
internal static unsafe partial class WinogradConvolution
{
    /// <summary>Tiles per chunk of the kernel gradient: the depth of each <c>Vᵀ dM</c> product.</summary>
    private const int GradientChunkTiles = 36;

    [ThreadStatic] private static float[]? t_kernelGradient;
    [ThreadStatic] private static float[]? t_turnedKernel;

    /// <summary>Accumulates dKernel and dBias (null for none); overwrites dInput unless it is null.</summary>
    public static void Backward(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput, int batch, in Conv2DGeometry g)
    {
        if (dInput != null) InputGradient(kernel, dOutput, dInput, batch, g);
        KernelGradient(input, dOutput, dKernel, dBias, batch, g);
    }

    private static void InputGradient(float* kernel, float* dOutput, float* dInput, int batch, in Conv2DGeometry g)
    {
        // turned[ky, kx, f, c] = kernel[2 - ky, 2 - kx, c, f]
        int channels = g.Channels, filters = g.Filters, tapLength = channels * filters;
        float* turned = PinnedScratch.Grow(ref t_turnedKernel, g.KernelLength);
        for (int tap = 0; tap < 9; tap++)
            TransposeScratch.Transpose(kernel + (nint)(8 - tap) * tapLength, turned + (nint)tap * tapLength, channels, filters);
        var transposed = new Conv2DGeometry(g.OutHeight, g.OutWidth, filters, 3, 1, 1, 2 - g.PadTop, 2 - g.PadLeft, g.Height, g.Width, channels);
        Forward(dOutput, turned, null, dInput, batch, transposed, relu: false);
    }

    private readonly struct GradientJob(float* input, float* dOutput, float** partials, int tiles, Conv2DGeometry geometry)
    {
        public readonly float* Input = input, DOutput = dOutput;
        public readonly float** Partials = partials;
        public readonly int Tiles = tiles;
        public readonly Conv2DGeometry Geometry = geometry;
    }

    // One part's sums: dU (36 matrices at the transformed kernel's stride), then the bias gradient.
    private static int PartialLength(in Conv2DGeometry g) => Positions * KernelPositionStride(g) + g.Filters;

    private static void KernelGradient(float* input, float* dOutput, float* dKernel, float* dBias, int batch, in Conv2DGeometry g)
    {
        int tiles = batch * TilesPerSample(g);
        long multiplyAdds = (long)tiles * Positions * g.Channels * g.Filters;
        int parts = ComputeTeam.Threads((tiles + 5) / 6, multiplyAdds);
        float** partials = stackalloc float*[parts];
        new Span<nint>(partials, parts).Clear();
        var job = new GradientJob(input, dOutput, partials, tiles, g);
        ComputeTeam.Run(&KernelGradientPart, &job, parts);
        // A run that found the team busy went as one part: only partials[0] is set then.
        float* sum = partials[0];
        int length = PartialLength(g);
        for (int part = 1; part < parts; part++)
            if (partials[part] != null)
                VectorMath.MultiplyAdd(new ReadOnlySpan<float>(partials[part], length), 1f, new Span<float>(sum, length));
        AddKernelGradient(sum, dKernel, g.Channels, g.Filters);
        if (dBias != null)
            VectorMath.MultiplyAdd(new ReadOnlySpan<float>(sum + Positions * KernelPositionStride(g), g.Filters), 1f, new Span<float>(dBias, g.Filters));
    }

    private static void KernelGradientPart(void* arguments, int part, int parts)
    {
        ref GradientJob job = ref *(GradientJob*)arguments;
        Conv2DGeometry g = job.Geometry;
        int channels = g.Channels, filters = g.Filters, positionStride = KernelPositionStride(g);
        float* sums = PinnedScratch.Grow(ref t_kernelGradient, PartialLength(g));
        new Span<float>(sums, PartialLength(g)).Clear();
        job.Partials[part] = sums;
        var (first, end) = ComputeTeam.Range(job.Tiles, part, parts, grain: 6);
        if (first >= end) return;
        int chunk = Math.Min(GradientChunkTiles, end - first);
        float* transformedInput = PinnedScratch.Grow(ref t_tiles, chunk * (TileBlock(channels) + TileBlock(filters)));
        float* transformedGradient = transformedInput + chunk * TileBlock(channels);
        float* biasSums = sums + Positions * positionStride;
        float* zeros = stackalloc float[channels];
        float** cells = stackalloc float*[2 * Positions];
        var inputTiles = new InputTileWalk(job.Input, first, end, zeros, cells, g);
        for (int start = first; start < end; start += chunk)
        {
            int tiles = Math.Min(chunk, end - start);
            for (int t = 0; t < tiles; t++)
            {
                inputTiles.Transform(start + t, transformedInput + t * TileBlock(channels));
                TransformOutputGradientTile(job.DOutput, start + t, transformedGradient + t * TileBlock(filters), biasSums, g);
            }
            // dU_p (channels, filters) += V_pᵀ dM_p: V_p (tiles, channels) read transposed in place, row p of each tile's block.
            for (int p = 0; p < Positions; p++)
                MatrixMultiply.Rows(transformedInput + p * channels, 1, TileBlock(channels), transformedGradient + p * filters, TileBlock(filters), null,
                    sums + p * positionStride, filters, filters, tiles, 0, channels, accumulate: true, relu: false);
        }
    }

    /// <summary>
    /// <c>dM = A dY Aᵀ</c> for one tile (its block's pixels beyond the output count as zero) into the tile's block,
    /// position <c>p</c>'s filters at <c>transformed + p * Filters</c>; adds the block's dY into <paramref name="biasSums"/>.
    /// </summary>
    private static void TransformOutputGradientTile(float* dOutput, int tile, float* transformed, float* biasSums, in Conv2DGeometry g)
    {
        var (sample, y0, x0) = Locate(tile, g);
        nint positionStride = g.Filters;
        int filters = g.Filters, rows = Math.Min(Block, g.OutHeight - y0), columns = Math.Min(Block, g.OutWidth - x0);
        float* dy = dOutput + (((nint)sample * g.OutHeight + y0) * g.OutWidth + x0) * filters;
        nint rowStride = (nint)g.OutWidth * filters;
        Vector512<float>* half = stackalloc Vector512<float>[Block * TileSize];
        for (int f = 0; f < filters; f += 16)
        {
            Vector512<float> biasSum = Vector512.Load(biasSums + f);
            for (int r = 0; r < Block; r++)
            {
                var (d0, d1, d2, d3) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
                if (r < rows)
                {
                    float* row = dy + r * rowStride + f;
                    d0 = Vector512.Load(row);
                    if (columns > 1) d1 = Vector512.Load(row + filters);
                    if (columns > 2) d2 = Vector512.Load(row + 2 * filters);
                    if (columns > 3) d3 = Vector512.Load(row + 3 * filters);
                    biasSum += (d0 + d1) + (d2 + d3);
                }
                Vector512<float>* h = half + r * TileSize;
                OutputAdjoint(d0, d1, d2, d3, out h[0], out h[1], out h[2], out h[3], out h[4], out h[5]);
            }
            biasSum.Store(biasSums + f);
            float* m = transformed + f;
            for (int x = 0; x < TileSize; x++)
            {
                OutputAdjoint(half[x], half[TileSize + x], half[2 * TileSize + x], half[3 * TileSize + x],
                    out var m0, out var m1, out var m2, out var m3, out var m4, out var m5);
                m0.Store(m + x * positionStride); m1.Store(m + (TileSize + x) * positionStride); m2.Store(m + (2 * TileSize + x) * positionStride);
                m3.Store(m + (3 * TileSize + x) * positionStride); m4.Store(m + (4 * TileSize + x) * positionStride); m5.Store(m + (5 * TileSize + x) * positionStride);
            }
        }
    }

    /// <summary><c>dK += Gᵀ dU G</c> for every (channel, filter): 36 matrices <c>(C, F)</c> in, kernel <c>(3, 3, C, F)</c> accumulated.</summary>
    private static void AddKernelGradient(float* transformedGradient, float* dKernel, int channels, int filters)
    {
        nint tapStride = (nint)channels * filters, positionStride = KernelPositionStride(channels, filters);
        Vector512<float>* rows = stackalloc Vector512<float>[TileSize * 3];
        for (int c = 0; c < channels; c++)
            for (int f = 0; f < filters; f += 16)
            {
                float* u = transformedGradient + (nint)c * filters + f;
                for (int r = 0; r < TileSize; r++)
                {
                    float* row = u + r * TileSize * positionStride;
                    Vector512<float>* h = rows + r * 3;
                    KernelAdjoint(Vector512.Load(row), Vector512.Load(row + positionStride), Vector512.Load(row + 2 * positionStride),
                        Vector512.Load(row + 3 * positionStride), Vector512.Load(row + 4 * positionStride), Vector512.Load(row + 5 * positionStride),
                        out h[0], out h[1], out h[2]);
                }
                float* k = dKernel + (nint)c * filters + f;
                for (int kx = 0; kx < 3; kx++)
                {
                    KernelAdjoint(rows[kx], rows[3 + kx], rows[6 + kx], rows[9 + kx], rows[12 + kx], rows[15 + kx], out var k0, out var k1, out var k2);
                    AddTo(k + kx * tapStride, k0);
                    AddTo(k + (3 + kx) * tapStride, k1);
                    AddTo(k + (6 + kx) * tapStride, k2);
                }
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(float* destination, Vector512<float> value) => (Vector512.Load(destination) + value).Store(destination);

    // One axis of A (6x4), the transpose of the output transform's Aᵀ.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputAdjoint(Vector512<float> y0, Vector512<float> y1, Vector512<float> y2, Vector512<float> y3,
        out Vector512<float> m0, out Vector512<float> m1, out Vector512<float> m2, out Vector512<float> m3, out Vector512<float> m4, out Vector512<float> m5)
    {
        Vector512<float> even = y0 + y2, odd = y1 + y3;
        Vector512<float> evenByFour = Vector512.FusedMultiplyAdd(y2, Vector512.Create(4f), y0), oddByTwo = Vector512.FusedMultiplyAdd(y3, Vector512.Create(8f), y1 * 2f);
        m0 = y0;
        m1 = even + odd;
        m2 = even - odd;
        m3 = evenByFour + oddByTwo;
        m4 = evenByFour - oddByTwo;
        m5 = y3;
    }

    // One axis of Gᵀ (3x6), the transpose of the kernel transform's G.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KernelAdjoint(Vector512<float> u0, Vector512<float> u1, Vector512<float> u2, Vector512<float> u3, Vector512<float> u4, Vector512<float> u5,
        out Vector512<float> g0, out Vector512<float> g1, out Vector512<float> g2)
    {
        Vector512<float> sum12 = u1 + u2, difference12 = u2 - u1, sum34 = u3 + u4, difference34 = u3 - u4, sixth = Vector512.Create(1f / 6);
        g0 = Vector512.FusedMultiplyAdd(sum34, Vector512.Create(1f / 24), Vector512.FusedMultiplyAdd(sum12, -sixth, u0 * 0.25f));
        g1 = Vector512.FusedMultiplyAdd(difference34, Vector512.Create(1f / 12), difference12 * sixth);
        g2 = Vector512.FusedMultiplyAdd(sum34 - sum12, sixth, u5);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Kernels;

/// <summary>
/// Forward of a 3x3, stride-1 convolution by Winograd's minimal filtering F(4x4, 3x3) (Lavin and Gray,
/// 2016): each 4x4 block of output pixels comes from a 6x6 input tile, and in the transformed domain
/// the 36 taps of a tile become 36 independent products over channels, so a block costs
/// <c>36 * Channels * Filters</c> multiply-adds instead of <c>16 * 9 * Channels * Filters</c>: 4x fewer.
/// </summary>
/// <remarks>
/// <para>The kernel is transformed, <c>U = G g Gᵀ</c>, into 36 matrices <c>(Channels, Filters)</c>, or found
/// already transformed in <see cref="WinogradKernelCache"/>. Then the output blocks of the whole batch,
/// numbered sample by sample and row by row, go in chunks of <see cref="ChunkTiles"/>: each tile's input
/// is transformed, <c>V = Bᵀ d B</c>, into a block of 36 rows (one per position, channels contiguous),
/// written in one sequential stream; the 36 products <c>M_p = V_p U_p</c> run through
/// <see cref="MatrixMultiply"/>'s register tiles, reading row p of every tile's block; and
/// <c>Y = Aᵀ M A</c> brings each tile back with the bias and ReLU fused into the store. Transforms run
/// sixteen channels or filters per vector, so the layer needs both in sixteens; cells beyond the input
/// (padding, and the last blocks' overhang) read a zero row. Backward is in the domain too (<c>WinogradConvolution.Backward.cs</c>).</para>
/// <para>Rounding: the transforms' constants (up to 8 and down to 1/24) cost some bits over a direct sum;
/// the parity tests bound the difference at 1e-5 of the terms' magnitudes, as for the other strategies.</para>
/// </remarks>
[SkipLocalsInit]
internal static unsafe partial class WinogradConvolution
{
    private const int Block = 4, TileSize = Block + 2, Positions = TileSize * TileSize;

    /// <summary>Tiles transformed and multiplied at a time: rows of each of the 36 products, two of the matrix product's 6-row tiles.</summary>
    private const int ChunkTiles = 12;

    [ThreadStatic] private static float[]? t_tiles;

    /// <summary>Whether <paramref name="g"/> runs here: AVX-512, a 3x3 kernel at stride 1 without dilation, channels and filters in sixteens.</summary>
    public static bool Suits(in Conv2DGeometry g) =>
        Vector512.IsHardwareAccelerated && g.KernelSize == 3 && g.Stride == 1 && g.Dilation == 1 && g.Channels % 16 == 0 && g.Filters % 16 == 0;

    /// <summary>Forward over a batch; its tiles are split over <see cref="ComputeThreads.Count"/> threads when the work is large enough.</summary>
    public static void Forward(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        float* transformedKernel = WinogradKernelCache.Find(kernel, g.KernelLength, g.Channels, Positions * KernelPositionStride(g), out bool current);
        if (!current) TransformKernel(kernel, transformedKernel, g.Channels, g.Filters);
        int tiles = batch * TilesPerSample(g);
        var job = new Job(input, transformedKernel, bias, output, tiles, g, relu);
        // The split threshold weighs multiply-adds; the transforms take about as long again as the
        // products here (LeNet's one sample: 6.5 us of products, 3 us of transforms, 1 us of setup).
        long work = 2L * tiles * Positions * g.Channels * g.Filters;
        ComputeTeam.Run(&Part, &job, ComputeTeam.Threads((tiles + 5) / 6, work));
    }

    private readonly struct Job(float* input, float* transformedKernel, float* bias, float* output, int tiles, Conv2DGeometry geometry, bool relu)
    {
        public readonly float* Input = input, TransformedKernel = transformedKernel, Bias = bias, Output = output;
        public readonly int Tiles = tiles;
        public readonly Conv2DGeometry Geometry = geometry;
        public readonly bool Relu = relu;
    }

    /// <summary>
    /// Floats from one position's <c>(Channels, Filters)</c> matrix of the transformed kernel to the next: one
    /// cache line more than the matrix, because at a multiple of 4 KB the 36 stores of a transform
    /// would all fall in one set of the L1 cache and alias the kernel loads (ten times slower).
    /// </summary>
    private static int KernelPositionStride(in Conv2DGeometry g) => KernelPositionStride(g.Channels, g.Filters);

    private static int KernelPositionStride(int channels, int filters) => channels * filters + 16;

    /// <summary>
    /// Floats from one tile's block of 36 transformed rows of <paramref name="width"/> to the next: a cache
    /// line more than the rows, so that a product stepping from tile to tile (the kernel gradient's depth)
    /// strides an odd number of lines and spreads over the L1 cache's sets instead of crowding four of them.
    /// </summary>
    private static int TileBlock(int width) => Positions * width + 16;

    private static int TilesDown(in Conv2DGeometry g) => (g.OutHeight + Block - 1) / Block;

    private static int TilesAcross(in Conv2DGeometry g) => (g.OutWidth + Block - 1) / Block;

    private static int TilesPerSample(in Conv2DGeometry g) => TilesDown(g) * TilesAcross(g);

    private static void Part(void* arguments, int part, int parts)
    {
        ref Job job = ref *(Job*)arguments;
        Conv2DGeometry g = job.Geometry;
        var (first, end) = ComputeTeam.Range(job.Tiles, part, parts, grain: 6);
        if (first >= end) return;
        int channels = g.Channels, filters = g.Filters, chunk = Math.Min(ChunkTiles, end - first);
        float* transformedInput = PinnedScratch.Grow(ref t_tiles, chunk * (TileBlock(channels) + TileBlock(filters)));
        float* products = transformedInput + chunk * TileBlock(channels);
        float* zeros = stackalloc float[channels];
        float** cells = stackalloc float*[2 * Positions];
        var inputTiles = new InputTileWalk(job.Input, first, end, zeros, cells, g);
        for (int start = first; start < end; start += chunk)
        {
            int tiles = Math.Min(chunk, end - start);
            for (int t = 0; t < tiles; t++) inputTiles.Transform(start + t, transformedInput + t * TileBlock(channels));
            // M_p (tiles, filters) = V_p U_p, each tile's row of V_p and M_p inside that tile's block.
            for (int p = 0; p < Positions; p++)
                MatrixMultiply.Rows(transformedInput + p * channels, TileBlock(channels), 1, job.TransformedKernel + p * KernelPositionStride(g), filters, null,
                    products + p * filters, TileBlock(filters), filters, channels, 0, tiles, accumulate: false, relu: false);
            for (int t = 0; t < tiles; t++)
                TransformOutputTile(products + t * TileBlock(filters), job.Bias, job.Output, start + t, g, job.Relu);
        }
    }

    /// <summary><c>U = G g Gᵀ</c> for every (channel, filter): kernel <c>(3, 3, C, F)</c> in, 36 matrices <c>(C, F)</c> out.</summary>
    private static void TransformKernel(float* kernel, float* transformed, int channels, int filters)
    {
        nint tapStride = (nint)channels * filters, positionStride = KernelPositionStride(channels, filters);
        Vector512<float>* rows = stackalloc Vector512<float>[3 * TileSize];
        for (int c = 0; c < channels; c++)
            for (int f = 0; f < filters; f += 16)
            {
                float* k = kernel + (nint)c * filters + f;
                for (int ky = 0; ky < 3; ky++)
                {
                    Vector512<float>* row = rows + ky * TileSize;
                    KernelTransform(Vector512.Load(k + ky * 3 * tapStride), Vector512.Load(k + (ky * 3 + 1) * tapStride), Vector512.Load(k + (ky * 3 + 2) * tapStride),
                        out row[0], out row[1], out row[2], out row[3], out row[4], out row[5]);
                }
                float* u = transformed + (nint)c * filters + f;
                for (int x = 0; x < TileSize; x++)
                {
                    KernelTransform(rows[x], rows[TileSize + x], rows[2 * TileSize + x],
                        out var u0, out var u1, out var u2, out var u3, out var u4, out var u5);
                    u0.Store(u + x * positionStride); u1.Store(u + (TileSize + x) * positionStride); u2.Store(u + (2 * TileSize + x) * positionStride);
                    u3.Store(u + (3 * TileSize + x) * positionStride); u4.Store(u + (4 * TileSize + x) * positionStride); u5.Store(u + (5 * TileSize + x) * positionStride);
                }
            }
    }

    /// <summary>
    /// One part's input tiles in order: each tile's 36 cells (the first channel of each, or a zero row for a
    /// cell outside the input) are located, and their lines prefetched, one tile before its transform,
    /// because the transform's loads from a batch too large for L2 otherwise wait on L3 one tile at a time.
    /// </summary>
    private ref struct InputTileWalk
    {
        private readonly float* _input, _zeros;
        private readonly int _end;
        private readonly Conv2DGeometry _geometry;
        private float** _cells, _next;

        /// <summary>
        /// Walks tiles <c>[first, end)</c> of <paramref name="input"/>; <paramref name="zeros"/> is a workspace of
        /// <c>Channels</c> floats (cleared here), <paramref name="cells"/> one of two tiles' cell pointers, <c>2 * 36</c>.
        /// </summary>
        public InputTileWalk(float* input, int first, int end, float* zeros, float** cells, in Conv2DGeometry g)
        {
            _input = input;
            _zeros = zeros;
            _end = end;
            _geometry = g;
            _cells = cells;
            _next = cells + Positions;
            new Span<float>(zeros, g.Channels).Clear();
            Locate(first, _next);
        }

        /// <summary>Transforms <paramref name="tile"/>, the one after the last transformed, into <paramref name="transformed"/> (36 rows of channels).</summary>
        public void Transform(int tile, float* transformed)
        {
            float** located = _next;
            _next = _cells;
            _cells = located;
            if (tile + 1 < _end) Locate(tile + 1, _next);
            TransformInputTile(_cells, transformed, _geometry.Channels);
        }

        private readonly void Locate(int tile, float** cells)
        {
            Conv2DGeometry g = _geometry;
            var (sample, y0, x0) = WinogradConvolution.Locate(tile, g);
            int channels = g.Channels;
            float* image = _input + (nint)sample * g.InputLength(1);
            for (int r = 0; r < TileSize; r++)
            {
                int iy = y0 - g.PadTop + r;
                for (int c = 0; c < TileSize; c++)
                {
                    int ix = x0 - g.PadLeft + c;
                    bool inside = (uint)iy < (uint)g.Height && (uint)ix < (uint)g.Width;
                    float* cell = inside ? image + ((nint)iy * g.Width + ix) * channels : _zeros;
                    cells[r * TileSize + c] = cell;
                    if (Sse.IsSupported)
                        for (int line = 0; line < channels; line += 16) Sse.Prefetch0(cell + line);
                }
            }
        }
    }

    /// <summary>
    /// <c>V = Bᵀ d B</c> for the tile whose cells <see cref="InputTileWalk"/> found, sixteen channels at a time,
    /// into the tile's block: position <c>p</c>'s channels at <c>transformed + p * channels</c>.
    /// </summary>
    private static void TransformInputTile(float** cells, float* transformed, int channels)
    {
        nint positionStride = channels;
        Vector512<float>* rows = stackalloc Vector512<float>[Positions];
        for (int ch = 0; ch < channels; ch += 16)
        {
            for (int r = 0; r < TileSize; r++)
            {
                float** cell = cells + r * TileSize;
                Vector512<float>* row = rows + r * TileSize;
                InputTransform(Vector512.Load(cell[0] + ch), Vector512.Load(cell[1] + ch), Vector512.Load(cell[2] + ch),
                    Vector512.Load(cell[3] + ch), Vector512.Load(cell[4] + ch), Vector512.Load(cell[5] + ch),
                    out row[0], out row[1], out row[2], out row[3], out row[4], out row[5]);
            }
            float* v = transformed + ch;
            for (int x = 0; x < TileSize; x++)
            {
                InputTransform(rows[x], rows[TileSize + x], rows[2 * TileSize + x], rows[3 * TileSize + x], rows[4 * TileSize + x], rows[5 * TileSize + x],
                    out var v0, out var v1, out var v2, out var v3, out var v4, out var v5);
                v0.Store(v + x * positionStride); v1.Store(v + (TileSize + x) * positionStride); v2.Store(v + (2 * TileSize + x) * positionStride);
                v3.Store(v + (3 * TileSize + x) * positionStride); v4.Store(v + (4 * TileSize + x) * positionStride); v5.Store(v + (5 * TileSize + x) * positionStride);
            }
        }
    }

    /// <summary>
    /// <c>Y = Aᵀ M A</c> for one tile from its block of products (position <c>p</c>'s filters at <c>products + p * Filters</c>),
    /// plus bias and ReLU, stored to the output pixels of its 4x4 block that exist.
    /// </summary>
    private static void TransformOutputTile(float* products, float* bias, float* output, int tile, in Conv2DGeometry g, bool relu)
    {
        var (sample, y0, x0) = Locate(tile, g);
        nint positionStride = g.Filters;
        int filters = g.Filters, rows = Math.Min(Block, g.OutHeight - y0), columns = Math.Min(Block, g.OutWidth - x0);
        float* y = output + (((nint)sample * g.OutHeight + y0) * g.OutWidth + x0) * filters;
        nint rowStride = (nint)g.OutWidth * filters;
        Vector512<float>* half = stackalloc Vector512<float>[TileSize * Block];
        for (int f = 0; f < filters; f += 16)
        {
            float* m = products + f;
            for (int r = 0; r < TileSize; r++)
            {
                float* row = m + r * TileSize * positionStride;
                Vector512<float>* h = half + r * Block;
                OutputTransform(Vector512.Load(row), Vector512.Load(row + positionStride), Vector512.Load(row + 2 * positionStride),
                    Vector512.Load(row + 3 * positionStride), Vector512.Load(row + 4 * positionStride), Vector512.Load(row + 5 * positionStride),
                    out h[0], out h[1], out h[2], out h[3]);
            }
            Vector512<float> b = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + f);
            for (int x = 0; x < columns; x++)
            {
                OutputTransform(half[x], half[Block + x], half[2 * Block + x], half[3 * Block + x], half[4 * Block + x], half[5 * Block + x],
                    out var o0, out var o1, out var o2, out var o3);
                float* pixel = y + (nint)x * filters + f;
                Store(o0 + b, pixel, relu);
                if (rows > 1) Store(o1 + b, pixel + rowStride, relu);
                if (rows > 2) Store(o2 + b, pixel + 2 * rowStride, relu);
                if (rows > 3) Store(o3 + b, pixel + 3 * rowStride, relu);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> value, float* destination, bool relu) =>
        (relu ? Vector512.Max(value, Vector512<float>.Zero) : value).Store(destination);

    /// <summary>The sample of a batch-wide tile number and the output pixel its block starts at.</summary>
    private static (int Sample, int Y, int X) Locate(int tile, in Conv2DGeometry g)
    {
        var (sample, inSample) = Math.DivRem(tile, TilesPerSample(g));
        var (down, across) = Math.DivRem(inSample, TilesAcross(g));
        return (sample, down * Block, across * Block);
    }

    // One axis of G (6x3): rows 1/4; -1/6 (1, 1, 1); -1/6 (1, -1, 1); (1/24, 1/12, 1/6); (1/24, -1/12, 1/6); (0, 0, 1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KernelTransform(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2,
        out Vector512<float> u0, out Vector512<float> u1, out Vector512<float> u2, out Vector512<float> u3, out Vector512<float> u4, out Vector512<float> u5)
    {
        Vector512<float> outer = g0 + g2, sixth = Vector512.Create(-1f / 6);
        u0 = g0 * 0.25f;
        u1 = (outer + g1) * sixth;
        u2 = (outer - g1) * sixth;
        Vector512<float> even = Vector512.FusedMultiplyAdd(g0, Vector512.Create(1f / 24), g2 * (1f / 6)), odd = g1 * (1f / 12);
        u3 = even + odd;
        u4 = even - odd;
        u5 = g2;
    }

    // One axis of Bᵀ (6x6): (4, 0, -5, 0, 1, 0), (0, -4, -4, 1, 1, 0), (0, 4, -4, -1, 1, 0),
    // (0, -2, -1, 2, 1, 0), (0, 2, -1, -2, 1, 0), (0, 4, 0, -5, 0, 1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputTransform(Vector512<float> d0, Vector512<float> d1, Vector512<float> d2, Vector512<float> d3, Vector512<float> d4, Vector512<float> d5,
        out Vector512<float> v0, out Vector512<float> v1, out Vector512<float> v2, out Vector512<float> v3, out Vector512<float> v4, out Vector512<float> v5)
    {
        Vector512<float> four = Vector512.Create(4f), minusFour = Vector512.Create(-4f), minusFive = Vector512.Create(-5f);
        Vector512<float> a = Vector512.FusedMultiplyAdd(d2, minusFour, d4), b = Vector512.FusedMultiplyAdd(d1, minusFour, d3);
        Vector512<float> c = d4 - d2, d = (d3 - d1) * 2f;
        v0 = Vector512.FusedMultiplyAdd(d0, four, Vector512.FusedMultiplyAdd(d2, minusFive, d4));
        v1 = a + b;
        v2 = a - b;
        v3 = c + d;
        v4 = c - d;
        v5 = Vector512.FusedMultiplyAdd(d1, four, Vector512.FusedMultiplyAdd(d3, minusFive, d5));
    }

    // One axis of Aᵀ (4x6): (1, 1, 1, 1, 1, 0), (0, 1, -1, 2, -2, 0), (0, 1, 1, 4, 4, 0), (0, 1, -1, 8, -8, 1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputTransform(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4, Vector512<float> m5,
        out Vector512<float> y0, out Vector512<float> y1, out Vector512<float> y2, out Vector512<float> y3)
    {
        Vector512<float> sum12 = m1 + m2, difference12 = m1 - m2, sum34 = m3 + m4, difference34 = m3 - m4;
        y0 = m0 + sum12 + sum34;
        y1 = Vector512.FusedMultiplyAdd(difference34, Vector512.Create(2f), difference12);
        y2 = Vector512.FusedMultiplyAdd(sum34, Vector512.Create(4f), sum12);
        y3 = Vector512.FusedMultiplyAdd(difference34, Vector512.Create(8f), difference12) + m5;
    }
}

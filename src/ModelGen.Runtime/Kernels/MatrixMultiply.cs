using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Kernels;

/// <summary>
/// The register-blocked matrix product behind Dense and Conv2D (AVX-512):
/// <c>C[i, j] (+)= bias[j] + sum_p A(i, p) * B[p, j]</c> over a range of C's rows, with
/// B <c>(depth, columns)</c> and C <c>(rows, columns)</c> row-major and A read through two strides,
/// so the same kernel serves <c>X·W</c> (A row-major) and <c>Xᵀ·dY</c> (A transposed in place).
/// </summary>
/// <remarks>
/// A 6x64 tile of C lives in 24 of the 32 zmm registers while the depth loop streams four vectors
/// of B and broadcasts six elements of A per step: 24 FMAs for 10 loads, so the loop runs at the
/// FMA units' rate rather than the load ports'. Column blocks of 64 go outermost, so one panel of
/// B stays in cache while every row tile passes over it. Edges narrow to 4-, 3- and 1-row tiles (four
/// rows in one tile rather than three and a lone one took 2 % off the MNIST MLP's first product at batch
/// 256), 32- and 16-wide columns, and the last fewer-than-16 columns: 8 to 15 (a classifier's outputs) and a lone row's
/// to tiles that load B's vectors in place with the lanes past the last column unused, fewer rows' fewer
/// columns (a regressor's one) to vectors down C's column when A is read transposed and to dot products
/// otherwise, and else to 8-wide and single columns, which makes every shape exact. Callers check
/// <see cref="IsSupported"/> and keep a portable path for machines without AVX-512.
/// </remarks>
internal static unsafe class MatrixMultiply
{
    private const int TileRows = 6;
    private const int TileColumns = 64;

    /// <summary>Whether this machine runs the AVX-512 tiles.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Computes rows <c>[rowStart, rowEnd)</c> of C. A's element <c>(i, p)</c> is <c>a[i * aRowStride + p * aDepthStride]</c>.
    /// With <paramref name="accumulate"/> C's old values are added to; otherwise C is overwritten and
    /// <paramref name="bias"/> (null for none) starts every row. <paramref name="relu"/> clamps the stored values at zero.
    /// </summary>
    public static void Rows(float* a, int aRowStride, int aDepthStride, float* b, float* bias, float* c,
        int columns, int depth, int rowStart, int rowEnd, bool accumulate, bool relu) =>
        Rows(a, aRowStride, aDepthStride, b, columns, bias, c, columns, columns, depth, rowStart, rowEnd, accumulate, relu);

    /// <summary>
    /// As the other overload, with B's and C's rows <paramref name="bRowStride"/> and <paramref name="cRowStride"/>
    /// floats apart rather than <paramref name="columns"/>: matrices interleaved with others (Winograd's 36 products per tile).
    /// </summary>
    public static void Rows(float* a, int aRowStride, int aDepthStride, float* b, int bRowStride, float* bias, float* c, int cRowStride,
        int columns, int depth, int rowStart, int rowEnd, bool accumulate, bool relu)
    {
        var tile = new TileArguments(a, aRowStride, aDepthStride, b, bRowStride, bias, c, cRowStride, columns, depth, accumulate, relu);
        int j = 0;
        // Lone rows (one-sample Predict) read whole 128-column rows of B, from both halves of depth at once.
        if (rowEnd - rowStart < TileRows)
            for (; j + 2 * TileColumns <= columns; j += 2 * TileColumns)
                for (int i = rowStart; i < rowEnd; i++) Tile1x128(tile, i, j);
        for (; j + TileColumns <= columns; j += TileColumns)
        {
            int i = rowStart;
            for (; i + TileRows <= rowEnd; i += TileRows) Tile6x64(tile, i, j);
            if (i + 4 <= rowEnd)
            {
                Tile4x64(tile, i, j);
                i += 4;
            }
            if (i + 3 <= rowEnd)
            {
                Tile3x64(tile, i, j);
                i += 3;
            }
            for (; i < rowEnd; i++) Tile1x64(tile, i, j);
        }
        if (j + 32 <= columns)
        {
            int i = rowStart;
            for (; i + TileRows <= rowEnd; i += TileRows) Tile6x32(tile, i, j);
            for (; i < rowEnd; i++)
            {
                Tile1x16(tile, i, j);
                Tile1x16(tile, i, j + 16);
            }
            j += 32;
        }
        for (; j + 16 <= columns; j += 16)
        {
            int i = rowStart;
            for (; i + TileRows <= rowEnd; i += TileRows) Tile6x16(tile, i, j);
            for (; i < rowEnd; i++) Tile1x16(tile, i, j);
        }
        // Eight or more columns fill half a vector loaded in place; fewer (a regressor's one) are dot products,
        // except in a lone row (Predict), where copying the columns transposed costs more than the unused lanes.
        if (j < columns && bRowStride == columns && (columns - j >= 8 || rowEnd - rowStart < TileRows))
        {
            int i = rowStart;
            for (; i + TileRows <= rowEnd; i += TileRows) NarrowSixRows(tile, i, j);
            for (; i < rowEnd; i++) NarrowLoneRow(tile, i, j);
            return;
        }
        if (j < columns && aRowStride == 1)
        {
            NarrowColumnsOfTransposedA(tile, j, rowStart, rowEnd);
            return;
        }
        if (j < columns && aDepthStride == 1 && (columns - j) * depth <= NarrowPanelLimit)
        {
            NarrowColumns(tile, j, rowStart, rowEnd);
            return;
        }
        for (; j + 8 <= columns; j += 8)
            for (int i = rowStart; i < rowEnd; i++) Tile1x8(tile, i, j);
        for (; j < columns; j++)
            for (int i = rowStart; i < rowEnd; i++) Single(tile, i, j);
    }

    // Floats of B's last columns that NarrowColumns copies to the stack (32 KB).
    private const int NarrowPanelLimit = 8 * 1024;

    /// <summary>
    /// The last fewer-than-8 columns (a regressor's or a binary classifier's one output) as dot products:
    /// those columns of B are copied transposed, so each output element reads two contiguous rows
    /// with full vectors instead of running one scalar FMA chain down a strided column.
    /// </summary>
    private static void NarrowColumns(in TileArguments t, int j, int rowStart, int rowEnd)
    {
        int width = t.Columns - j, depth = t.Depth;
        Span<float> columnsTransposed = stackalloc float[width * depth];
        for (int p = 0; p < depth; p++)
            for (int k = 0; k < width; k++)
                columnsTransposed[k * depth + p] = t.B[(nint)p * t.BRowStride + j + k];
        for (int i = rowStart; i < rowEnd; i++)
        {
            var row = new ReadOnlySpan<float>(t.A + (nint)i * t.ARowStride, depth);
            for (int k = 0; k < width; k++) t.StoreOne(VectorMath.Dot(row, columnsTransposed.Slice(k * depth, depth)), i, j + k);
        }
    }

    /// <summary>
    /// The last narrow columns when A is read transposed (a regressor's kernel gradient <c>Xᵀ·dY</c>): A's rows are
    /// then contiguous, so 16 rows of one column of C sum in one vector, B's element broadcast per depth step, in four
    /// chains. A dot product per element instead ran one scalar FMA chain down a strided column of A (the tutorial
    /// classifier's last layer: 4 µs of its 20 µs step).
    /// </summary>
    private static void NarrowColumnsOfTransposedA(in TileArguments t, int j, int rowStart, int rowEnd)
    {
        nint depthStride = t.ADepthStride, bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int k = j; k < t.Columns; k++)
            for (int i = rowStart; i < rowEnd; i += Vector512<float>.Count)
            {
                int lanes = Math.Min(Vector512<float>.Count, rowEnd - i);
                Vector512<float> mask = VectorMath.FirstLanes(lanes), zero = Vector512<float>.Zero;
                float* a = t.A + i, b = t.B + k;
                Vector512<float> c0 = zero, c1 = zero, c2 = zero, c3 = zero;
                int p = 0;
                for (; p + 4 <= depth; p += 4, a += 4 * depthStride, b += 4 * bRowStride)
                {
                    c0 = Vector512.FusedMultiplyAdd(Avx512F.MaskLoad(a, mask, zero), Vector512.Create(*b), c0);
                    c1 = Vector512.FusedMultiplyAdd(Avx512F.MaskLoad(a + depthStride, mask, zero), Vector512.Create(b[bRowStride]), c1);
                    c2 = Vector512.FusedMultiplyAdd(Avx512F.MaskLoad(a + 2 * depthStride, mask, zero), Vector512.Create(b[2 * bRowStride]), c2);
                    c3 = Vector512.FusedMultiplyAdd(Avx512F.MaskLoad(a + 3 * depthStride, mask, zero), Vector512.Create(b[3 * bRowStride]), c3);
                }
                for (; p < depth; p++, a += depthStride, b += bRowStride)
                    c0 = Vector512.FusedMultiplyAdd(Avx512F.MaskLoad(a, mask, zero), Vector512.Create(*b), c0);
                Vector512<float> sums = (c0 + c1) + (c2 + c3);
                for (int lane = 0; lane < lanes; lane++) t.StoreOne(sums.GetElement(lane), i + lane, k);
            }
    }

    /// <summary>
    /// Rows of B whose 16 floats from column <paramref name="j"/> stay inside B (<c>p * columns + j + 16 &lt;= depth * columns</c>):
    /// the narrow tiles load those as whole vectors and the rest through a mask, which reads nothing past the last column.
    /// </summary>
    private static int VectorRows(in TileArguments t, int j)
    {
        int room = t.Depth * t.Columns - j - 16;
        return room < 0 ? 0 : Math.Min(t.Depth, room / t.Columns + 1);
    }

    /// <summary>Row <paramref name="p"/> of B from the narrow columns on: a whole vector inside B, else masked to the narrow columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> NarrowRowOfB(float* row, int p, int vectorRows, Vector512<float> mask) =>
        p < vectorRows ? Vector512.Load(row) : Avx512F.MaskLoad(row, mask, Vector512<float>.Zero);

    /// <summary>
    /// Six rows' last 8 to 15 columns (a classifier's 10 outputs at batch size): one vector of B
    /// per depth step, loaded in place from the first narrow column on with the lanes past the last
    /// column unused (masked on the last rows of B), against six broadcasts into six accumulators;
    /// nothing is copied, and A may be read transposed (the kernel gradient's <c>Xᵀ dY</c> of such a layer).
    /// </summary>
    private static void NarrowSixRows(in TileArguments t, int i, int j)
    {
        int vectorRows = VectorRows(t, j);
        Vector512<float> mask = VectorMath.FirstLanes(t.Columns - j);
        float* a0 = t.A + (nint)i * t.ARowStride, b = t.B + j;
        nint rowStride = t.ARowStride, depthStride = t.ADepthStride, columns = t.Columns;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (int p = 0; p < t.Depth; p++, a0 += depthStride, b += columns)
        {
            var bp = NarrowRowOfB(b, p, vectorRows, mask);
            c0 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(*a0), c0);
            c1 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[rowStride]), c1);
            c2 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[2 * rowStride]), c2);
            c3 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[3 * rowStride]), c3);
            c4 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[4 * rowStride]), c4);
            c5 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[5 * rowStride]), c5);
        }
        t.StoreNarrow(c0, i, j, mask);
        t.StoreNarrow(c1, i + 1, j, mask);
        t.StoreNarrow(c2, i + 2, j, mask);
        t.StoreNarrow(c3, i + 3, j, mask);
        t.StoreNarrow(c4, i + 4, j, mask);
        t.StoreNarrow(c5, i + 5, j, mask);
    }

    /// <summary>
    /// A lone row's last fewer-than-16 columns (<c>Predict</c>), as <see cref="NarrowSixRows"/>, with even and
    /// odd depth steps in two accumulators so that two FMA chains are in flight.
    /// </summary>
    private static void NarrowLoneRow(in TileArguments t, int i, int j)
    {
        int vectorRows = VectorRows(t, j);
        Vector512<float> mask = VectorMath.FirstLanes(t.Columns - j);
        float* a = t.A + (nint)i * t.ARowStride, b = t.B + j;
        nint depthStride = t.ADepthStride, columns = t.Columns;
        Vector512<float> even = default, odd = default;
        int p = 0;
        for (; p + 2 <= vectorRows; p += 2)
        {
            even = Vector512.FusedMultiplyAdd(Vector512.Load(b + p * columns), Vector512.Create(a[p * depthStride]), even);
            odd = Vector512.FusedMultiplyAdd(Vector512.Load(b + (p + 1) * columns), Vector512.Create(a[(p + 1) * depthStride]), odd);
        }
        for (; p < t.Depth; p++)
        {
            even = Vector512.FusedMultiplyAdd(NarrowRowOfB(b + p * columns, p, vectorRows, mask), Vector512.Create(a[p * depthStride]), even);
        }
        t.StoreNarrow(even + odd, i, j, mask);
    }

    /// <summary>The operands of one product, shared by every tile.</summary>
    private readonly struct TileArguments(float* a, int aRowStride, int aDepthStride, float* b, int bRowStride, float* bias, float* c, int cRowStride,
        int columns, int depth, bool accumulate, bool relu)
    {
        public readonly float* A = a, B = b, Bias = bias, C = c;
        public readonly int ARowStride = aRowStride, ADepthStride = aDepthStride, BRowStride = bRowStride, CRowStride = cRowStride, Columns = columns, Depth = depth;
        public readonly bool Accumulate = accumulate, Relu = relu;

        /// <summary>What a tile's accumulators start from at row <paramref name="i"/>, columns from <paramref name="j"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Start512(int i, int j) =>
            Accumulate ? Vector512.Load(C + (nint)i * CRowStride + j) : Bias != null ? Vector512.Load(Bias + j) : Vector512<float>.Zero;

        /// <summary>Element <c>(i, j)</c> of C from its sum of products: plus what it starts from (C's old value or the bias), clamped under ReLU.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void StoreOne(float sum, int i, int j)
        {
            float* c = C + (nint)i * CRowStride + j;
            sum += Accumulate ? *c : Bias != null ? Bias[j] : 0f;
            *c = Relu ? MathF.Max(sum, 0f) : sum;
        }

        /// <summary>The lanes of <paramref name="mask"/> of a row's narrow columns, stored as <see cref="StoreOne"/> stores one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void StoreNarrow(Vector512<float> sums, int i, int j, Vector512<float> mask)
        {
            float* c = C + (nint)i * CRowStride + j;
            Vector512<float> start = Accumulate ? Avx512F.MaskLoad(c, mask, Vector512<float>.Zero)
                : Bias != null ? Avx512F.MaskLoad(Bias + j, mask, Vector512<float>.Zero) : Vector512<float>.Zero;
            Vector512<float> value = sums + start;
            Avx512F.MaskStore(c, mask, Relu ? Vector512.Max(value, Vector512<float>.Zero) : value);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store512(Vector512<float> value, int i, int j) =>
            (Relu ? Vector512.Max(value, Vector512<float>.Zero) : value).Store(C + (nint)i * CRowStride + j);
    }

    private static void Tile6x64(in TileArguments t, int i, int j)
    {
        Vector512<float> c00 = t.Start512(i, j), c01 = t.Start512(i, j + 16), c02 = t.Start512(i, j + 32), c03 = t.Start512(i, j + 48);
        Vector512<float> c10 = t.Start512(i + 1, j), c11 = t.Start512(i + 1, j + 16), c12 = t.Start512(i + 1, j + 32), c13 = t.Start512(i + 1, j + 48);
        Vector512<float> c20 = t.Start512(i + 2, j), c21 = t.Start512(i + 2, j + 16), c22 = t.Start512(i + 2, j + 32), c23 = t.Start512(i + 2, j + 48);
        Vector512<float> c30 = t.Start512(i + 3, j), c31 = t.Start512(i + 3, j + 16), c32 = t.Start512(i + 3, j + 32), c33 = t.Start512(i + 3, j + 48);
        Vector512<float> c40 = t.Start512(i + 4, j), c41 = t.Start512(i + 4, j + 16), c42 = t.Start512(i + 4, j + 32), c43 = t.Start512(i + 4, j + 48);
        Vector512<float> c50 = t.Start512(i + 5, j), c51 = t.Start512(i + 5, j + 16), c52 = t.Start512(i + 5, j + 32), c53 = t.Start512(i + 5, j + 48);
        float* a0 = t.A + (nint)i * t.ARowStride;
        nint rowStride = t.ARowStride, depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a0 += depthStride, b += bRowStride)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), b2 = Vector512.Load(b + 32), b3 = Vector512.Load(b + 48);
            var x = Vector512.Create(*a0);
            c00 = Vector512.FusedMultiplyAdd(b0, x, c00); c01 = Vector512.FusedMultiplyAdd(b1, x, c01);
            c02 = Vector512.FusedMultiplyAdd(b2, x, c02); c03 = Vector512.FusedMultiplyAdd(b3, x, c03);
            x = Vector512.Create(a0[rowStride]);
            c10 = Vector512.FusedMultiplyAdd(b0, x, c10); c11 = Vector512.FusedMultiplyAdd(b1, x, c11);
            c12 = Vector512.FusedMultiplyAdd(b2, x, c12); c13 = Vector512.FusedMultiplyAdd(b3, x, c13);
            x = Vector512.Create(a0[2 * rowStride]);
            c20 = Vector512.FusedMultiplyAdd(b0, x, c20); c21 = Vector512.FusedMultiplyAdd(b1, x, c21);
            c22 = Vector512.FusedMultiplyAdd(b2, x, c22); c23 = Vector512.FusedMultiplyAdd(b3, x, c23);
            x = Vector512.Create(a0[3 * rowStride]);
            c30 = Vector512.FusedMultiplyAdd(b0, x, c30); c31 = Vector512.FusedMultiplyAdd(b1, x, c31);
            c32 = Vector512.FusedMultiplyAdd(b2, x, c32); c33 = Vector512.FusedMultiplyAdd(b3, x, c33);
            x = Vector512.Create(a0[4 * rowStride]);
            c40 = Vector512.FusedMultiplyAdd(b0, x, c40); c41 = Vector512.FusedMultiplyAdd(b1, x, c41);
            c42 = Vector512.FusedMultiplyAdd(b2, x, c42); c43 = Vector512.FusedMultiplyAdd(b3, x, c43);
            x = Vector512.Create(a0[5 * rowStride]);
            c50 = Vector512.FusedMultiplyAdd(b0, x, c50); c51 = Vector512.FusedMultiplyAdd(b1, x, c51);
            c52 = Vector512.FusedMultiplyAdd(b2, x, c52); c53 = Vector512.FusedMultiplyAdd(b3, x, c53);
        }
        t.Store512(c00, i, j); t.Store512(c01, i, j + 16); t.Store512(c02, i, j + 32); t.Store512(c03, i, j + 48);
        t.Store512(c10, i + 1, j); t.Store512(c11, i + 1, j + 16); t.Store512(c12, i + 1, j + 32); t.Store512(c13, i + 1, j + 48);
        t.Store512(c20, i + 2, j); t.Store512(c21, i + 2, j + 16); t.Store512(c22, i + 2, j + 32); t.Store512(c23, i + 2, j + 48);
        t.Store512(c30, i + 3, j); t.Store512(c31, i + 3, j + 16); t.Store512(c32, i + 3, j + 32); t.Store512(c33, i + 3, j + 48);
        t.Store512(c40, i + 4, j); t.Store512(c41, i + 4, j + 16); t.Store512(c42, i + 4, j + 32); t.Store512(c43, i + 4, j + 48);
        t.Store512(c50, i + 5, j); t.Store512(c51, i + 5, j + 16); t.Store512(c52, i + 5, j + 32); t.Store512(c53, i + 5, j + 48);
    }

    // Three rows left over (a Winograd product of one sample's nine tiles): twelve accumulators
    // still outnumber the loads, where three lone rows would each reload B.
    private static void Tile3x64(in TileArguments t, int i, int j)
    {
        Vector512<float> c00 = t.Start512(i, j), c01 = t.Start512(i, j + 16), c02 = t.Start512(i, j + 32), c03 = t.Start512(i, j + 48);
        Vector512<float> c10 = t.Start512(i + 1, j), c11 = t.Start512(i + 1, j + 16), c12 = t.Start512(i + 1, j + 32), c13 = t.Start512(i + 1, j + 48);
        Vector512<float> c20 = t.Start512(i + 2, j), c21 = t.Start512(i + 2, j + 16), c22 = t.Start512(i + 2, j + 32), c23 = t.Start512(i + 2, j + 48);
        float* a0 = t.A + (nint)i * t.ARowStride;
        nint rowStride = t.ARowStride, depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a0 += depthStride, b += bRowStride)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), b2 = Vector512.Load(b + 32), b3 = Vector512.Load(b + 48);
            var x = Vector512.Create(*a0);
            c00 = Vector512.FusedMultiplyAdd(b0, x, c00); c01 = Vector512.FusedMultiplyAdd(b1, x, c01);
            c02 = Vector512.FusedMultiplyAdd(b2, x, c02); c03 = Vector512.FusedMultiplyAdd(b3, x, c03);
            x = Vector512.Create(a0[rowStride]);
            c10 = Vector512.FusedMultiplyAdd(b0, x, c10); c11 = Vector512.FusedMultiplyAdd(b1, x, c11);
            c12 = Vector512.FusedMultiplyAdd(b2, x, c12); c13 = Vector512.FusedMultiplyAdd(b3, x, c13);
            x = Vector512.Create(a0[2 * rowStride]);
            c20 = Vector512.FusedMultiplyAdd(b0, x, c20); c21 = Vector512.FusedMultiplyAdd(b1, x, c21);
            c22 = Vector512.FusedMultiplyAdd(b2, x, c22); c23 = Vector512.FusedMultiplyAdd(b3, x, c23);
        }
        t.Store512(c00, i, j); t.Store512(c01, i, j + 16); t.Store512(c02, i, j + 32); t.Store512(c03, i, j + 48);
        t.Store512(c10, i + 1, j); t.Store512(c11, i + 1, j + 16); t.Store512(c12, i + 1, j + 32); t.Store512(c13, i + 1, j + 48);
        t.Store512(c20, i + 2, j); t.Store512(c21, i + 2, j + 16); t.Store512(c22, i + 2, j + 32); t.Store512(c23, i + 2, j + 48);
    }

    private static void Tile4x64(in TileArguments t, int i, int j)
    {
        Vector512<float> c00 = t.Start512(i, j), c01 = t.Start512(i, j + 16), c02 = t.Start512(i, j + 32), c03 = t.Start512(i, j + 48);
        Vector512<float> c10 = t.Start512(i + 1, j), c11 = t.Start512(i + 1, j + 16), c12 = t.Start512(i + 1, j + 32), c13 = t.Start512(i + 1, j + 48);
        Vector512<float> c20 = t.Start512(i + 2, j), c21 = t.Start512(i + 2, j + 16), c22 = t.Start512(i + 2, j + 32), c23 = t.Start512(i + 2, j + 48);
        Vector512<float> c30 = t.Start512(i + 3, j), c31 = t.Start512(i + 3, j + 16), c32 = t.Start512(i + 3, j + 32), c33 = t.Start512(i + 3, j + 48);
        float* a0 = t.A + (nint)i * t.ARowStride;
        nint rowStride = t.ARowStride, depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a0 += depthStride, b += bRowStride)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16), b2 = Vector512.Load(b + 32), b3 = Vector512.Load(b + 48);
            var x = Vector512.Create(*a0);
            c00 = Vector512.FusedMultiplyAdd(b0, x, c00); c01 = Vector512.FusedMultiplyAdd(b1, x, c01);
            c02 = Vector512.FusedMultiplyAdd(b2, x, c02); c03 = Vector512.FusedMultiplyAdd(b3, x, c03);
            x = Vector512.Create(a0[rowStride]);
            c10 = Vector512.FusedMultiplyAdd(b0, x, c10); c11 = Vector512.FusedMultiplyAdd(b1, x, c11);
            c12 = Vector512.FusedMultiplyAdd(b2, x, c12); c13 = Vector512.FusedMultiplyAdd(b3, x, c13);
            x = Vector512.Create(a0[2 * rowStride]);
            c20 = Vector512.FusedMultiplyAdd(b0, x, c20); c21 = Vector512.FusedMultiplyAdd(b1, x, c21);
            c22 = Vector512.FusedMultiplyAdd(b2, x, c22); c23 = Vector512.FusedMultiplyAdd(b3, x, c23);
            x = Vector512.Create(a0[3 * rowStride]);
            c30 = Vector512.FusedMultiplyAdd(b0, x, c30); c31 = Vector512.FusedMultiplyAdd(b1, x, c31);
            c32 = Vector512.FusedMultiplyAdd(b2, x, c32); c33 = Vector512.FusedMultiplyAdd(b3, x, c33);
        }
        t.Store512(c00, i, j); t.Store512(c01, i, j + 16); t.Store512(c02, i, j + 32); t.Store512(c03, i, j + 48);
        t.Store512(c10, i + 1, j); t.Store512(c11, i + 1, j + 16); t.Store512(c12, i + 1, j + 32); t.Store512(c13, i + 1, j + 48);
        t.Store512(c20, i + 2, j); t.Store512(c21, i + 2, j + 16); t.Store512(c22, i + 2, j + 32); t.Store512(c23, i + 2, j + 48);
        t.Store512(c30, i + 3, j); t.Store512(c31, i + 3, j + 16); t.Store512(c32, i + 3, j + 32); t.Store512(c33, i + 3, j + 48);
    }

    // A lone row has no other rows to hide the FMA latency behind, so even and odd depth steps go
    // to two sets of accumulators (eight chains in flight) that are added at the end.
    private static void Tile1x64(in TileArguments t, int i, int j)
    {
        Vector512<float> c0 = t.Start512(i, j), c1 = t.Start512(i, j + 16), c2 = t.Start512(i, j + 32), c3 = t.Start512(i, j + 48);
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default;
        float* a = t.A + (nint)i * t.ARowStride;
        nint depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth, p = 0;
        for (; p + 2 <= depth; p += 2, a += 2 * depthStride, b += 2 * bRowStride)
        {
            var x = Vector512.Create(*a);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Load(b), x, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 16), x, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 32), x, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 48), x, c3);
            var y = Vector512.Create(a[depthStride]);
            d0 = Vector512.FusedMultiplyAdd(Vector512.Load(b + bRowStride), y, d0);
            d1 = Vector512.FusedMultiplyAdd(Vector512.Load(b + bRowStride + 16), y, d1);
            d2 = Vector512.FusedMultiplyAdd(Vector512.Load(b + bRowStride + 32), y, d2);
            d3 = Vector512.FusedMultiplyAdd(Vector512.Load(b + bRowStride + 48), y, d3);
        }
        if (p < depth)
        {
            var x = Vector512.Create(*a);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Load(b), x, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 16), x, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 32), x, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 48), x, c3);
        }
        t.Store512(c0 + d0, i, j); t.Store512(c1 + d1, i, j + 16); t.Store512(c2 + d2, i, j + 32); t.Store512(c3 + d3, i, j + 48);
    }

    // A lone row over 128 columns of B reads B's two halves of depth as two streams, into two sets of eight
    // accumulators. L2 serves two such streams faster than one (on Zen 5, 245 GB/s against 205 reading the
    // MNIST MLP's 784x128 kernel): that model's Predict went from 2.13-2.19 µs to 2.05-2.12 µs.
    private static void Tile1x128(in TileArguments t, int i, int j)
    {
        Vector512<float> c0 = t.Start512(i, j), c1 = t.Start512(i, j + 16), c2 = t.Start512(i, j + 32), c3 = t.Start512(i, j + 48);
        Vector512<float> c4 = t.Start512(i, j + 64), c5 = t.Start512(i, j + 80), c6 = t.Start512(i, j + 96), c7 = t.Start512(i, j + 112);
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default, d6 = default, d7 = default;
        nint depthStride = t.ADepthStride, bRowStride = t.BRowStride;
        int half = t.Depth / 2;
        float* a = t.A + (nint)i * t.ARowStride, a2 = a + half * depthStride;
        float* b = t.B + j, b2 = b + half * bRowStride;
        for (int p = 0; p < half; p++, a += depthStride, b += bRowStride, a2 += depthStride, b2 += bRowStride)
        {
            var x = Vector512.Create(*a);
            var y = Vector512.Create(*a2);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Load(b), x, c0); d0 = Vector512.FusedMultiplyAdd(Vector512.Load(b2), y, d0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 16), x, c1); d1 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 16), y, d1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 32), x, c2); d2 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 32), y, d2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 48), x, c3); d3 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 48), y, d3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 64), x, c4); d4 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 64), y, d4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 80), x, c5); d5 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 80), y, d5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 96), x, c6); d6 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 96), y, d6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Load(b + 112), x, c7); d7 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 112), y, d7);
        }
        // An odd depth leaves the second stream's last row (a2 and b2 point at it).
        if (2 * half < t.Depth)
        {
            var y = Vector512.Create(*a2);
            d0 = Vector512.FusedMultiplyAdd(Vector512.Load(b2), y, d0); d1 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 16), y, d1);
            d2 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 32), y, d2); d3 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 48), y, d3);
            d4 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 64), y, d4); d5 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 80), y, d5);
            d6 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 96), y, d6); d7 = Vector512.FusedMultiplyAdd(Vector512.Load(b2 + 112), y, d7);
        }
        t.Store512(c0 + d0, i, j); t.Store512(c1 + d1, i, j + 16); t.Store512(c2 + d2, i, j + 32); t.Store512(c3 + d3, i, j + 48);
        t.Store512(c4 + d4, i, j + 64); t.Store512(c5 + d5, i, j + 80); t.Store512(c6 + d6, i, j + 96); t.Store512(c7 + d7, i, j + 112);
    }

    // Half a column block (32 filters, a Winograd input gradient's 32 channels): twelve accumulators,
    // two loads of B for six broadcasts, where two 6x16 tiles would broadcast every element of A twice.
    private static void Tile6x32(in TileArguments t, int i, int j)
    {
        Vector512<float> c00 = t.Start512(i, j), c01 = t.Start512(i, j + 16), c10 = t.Start512(i + 1, j), c11 = t.Start512(i + 1, j + 16);
        Vector512<float> c20 = t.Start512(i + 2, j), c21 = t.Start512(i + 2, j + 16), c30 = t.Start512(i + 3, j), c31 = t.Start512(i + 3, j + 16);
        Vector512<float> c40 = t.Start512(i + 4, j), c41 = t.Start512(i + 4, j + 16), c50 = t.Start512(i + 5, j), c51 = t.Start512(i + 5, j + 16);
        float* a0 = t.A + (nint)i * t.ARowStride;
        nint rowStride = t.ARowStride, depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a0 += depthStride, b += bRowStride)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16);
            var x = Vector512.Create(*a0);
            c00 = Vector512.FusedMultiplyAdd(b0, x, c00); c01 = Vector512.FusedMultiplyAdd(b1, x, c01);
            x = Vector512.Create(a0[rowStride]);
            c10 = Vector512.FusedMultiplyAdd(b0, x, c10); c11 = Vector512.FusedMultiplyAdd(b1, x, c11);
            x = Vector512.Create(a0[2 * rowStride]);
            c20 = Vector512.FusedMultiplyAdd(b0, x, c20); c21 = Vector512.FusedMultiplyAdd(b1, x, c21);
            x = Vector512.Create(a0[3 * rowStride]);
            c30 = Vector512.FusedMultiplyAdd(b0, x, c30); c31 = Vector512.FusedMultiplyAdd(b1, x, c31);
            x = Vector512.Create(a0[4 * rowStride]);
            c40 = Vector512.FusedMultiplyAdd(b0, x, c40); c41 = Vector512.FusedMultiplyAdd(b1, x, c41);
            x = Vector512.Create(a0[5 * rowStride]);
            c50 = Vector512.FusedMultiplyAdd(b0, x, c50); c51 = Vector512.FusedMultiplyAdd(b1, x, c51);
        }
        t.Store512(c00, i, j); t.Store512(c01, i, j + 16); t.Store512(c10, i + 1, j); t.Store512(c11, i + 1, j + 16);
        t.Store512(c20, i + 2, j); t.Store512(c21, i + 2, j + 16); t.Store512(c30, i + 3, j); t.Store512(c31, i + 3, j + 16);
        t.Store512(c40, i + 4, j); t.Store512(c41, i + 4, j + 16); t.Store512(c50, i + 5, j); t.Store512(c51, i + 5, j + 16);
    }

    private static void Tile6x16(in TileArguments t, int i, int j)
    {
        Vector512<float> c0 = t.Start512(i, j), c1 = t.Start512(i + 1, j), c2 = t.Start512(i + 2, j),
                         c3 = t.Start512(i + 3, j), c4 = t.Start512(i + 4, j), c5 = t.Start512(i + 5, j);
        float* a0 = t.A + (nint)i * t.ARowStride;
        nint rowStride = t.ARowStride, depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a0 += depthStride, b += bRowStride)
        {
            var bp = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(*a0), c0);
            c1 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[rowStride]), c1);
            c2 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[2 * rowStride]), c2);
            c3 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[3 * rowStride]), c3);
            c4 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[4 * rowStride]), c4);
            c5 = Vector512.FusedMultiplyAdd(bp, Vector512.Create(a0[5 * rowStride]), c5);
        }
        t.Store512(c0, i, j); t.Store512(c1, i + 1, j); t.Store512(c2, i + 2, j);
        t.Store512(c3, i + 3, j); t.Store512(c4, i + 4, j); t.Store512(c5, i + 5, j);
    }

    private static void Tile1x16(in TileArguments t, int i, int j)
    {
        Vector512<float> c0 = t.Start512(i, j);
        float* a = t.A + (nint)i * t.ARowStride;
        nint depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a += depthStride, b += bRowStride)
            c0 = Vector512.FusedMultiplyAdd(Vector512.Load(b), Vector512.Create(*a), c0);
        t.Store512(c0, i, j);
    }

    private static void Tile1x8(in TileArguments t, int i, int j)
    {
        float* c = t.C + (nint)i * t.CRowStride + j;
        Vector256<float> c0 = t.Accumulate ? Vector256.Load(c) : t.Bias != null ? Vector256.Load(t.Bias + j) : Vector256<float>.Zero;
        float* a = t.A + (nint)i * t.ARowStride;
        nint depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a += depthStride, b += bRowStride)
            c0 = Vector256.MultiplyAddEstimate(Vector256.Load(b), Vector256.Create(*a), c0);
        (t.Relu ? Vector256.Max(c0, Vector256<float>.Zero) : c0).Store(c);
    }

    private static void Single(in TileArguments t, int i, int j)
    {
        float* c = t.C + (nint)i * t.CRowStride + j;
        float sum = t.Accumulate ? *c : t.Bias != null ? t.Bias[j] : 0f;
        float* a = t.A + (nint)i * t.ARowStride;
        nint depthStride = t.ADepthStride;
        float* b = t.B + j;
        nint bRowStride = t.BRowStride;
        int depth = t.Depth;
        for (int p = 0; p < depth; p++, a += depthStride, b += bRowStride)
            sum = float.MultiplyAddEstimate(*a, *b, sum);
        *c = t.Relu ? MathF.Max(sum, 0f) : sum;
    }
}

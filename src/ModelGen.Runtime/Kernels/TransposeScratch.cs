using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Kernels;

/// <summary>
/// A per-thread buffer for a transposed copy of a weight matrix. It grows to the largest matrix a
/// thread has transposed and is then reused, so steady-state training steps allocate nothing.
/// </summary>
internal static class TransposeScratch
{
    [ThreadStatic] private static float[]? t_buffer;

    /// <summary>Returns <paramref name="matrix"/> <c>(rows, columns)</c> transposed to <c>(columns, rows)</c>, valid until this thread's next call.</summary>
    public static unsafe Span<float> Transpose(ReadOnlySpan<float> matrix, int rows, int columns)
    {
        int length = rows * columns;
        VectorMath.CheckSameLength(length, matrix.Length, nameof(matrix));
        if (t_buffer is null || t_buffer.Length < length) t_buffer = new float[length];
        Span<float> transposed = t_buffer.AsSpan(0, length);
        fixed (float* source = matrix, target = transposed) Transpose(source, target, rows, columns);
        return transposed;
    }

    /// <summary>Writes <paramref name="source"/> <c>(rows, columns)</c> transposed to <paramref name="target"/> <c>(columns, rows)</c>.</summary>
    public static unsafe void Transpose(float* source, float* target, int rows, int columns)
    {
        // Bands of 8 rows go through 8x8 blocks in registers: one element at a time, a dense layer's 64x32
        // kernel took the tutorial classifier's training step half a microsecond to turn.
        int r0 = 0;
        if (Avx.IsSupported)
            for (; r0 + 8 <= rows; r0 += 8)
            {
                int c0 = 0;
                for (; c0 + 8 <= columns; c0 += 8) Transpose8x8(source + (nint)r0 * columns + c0, columns, target + (nint)c0 * rows + r0, rows);
                TransposeElements(source, target, rows, columns, r0, r0 + 8, c0);
            }
        TransposeElements(source, target, rows, columns, r0, rows, 0);
    }

    private static unsafe void TransposeElements(float* source, float* target, int rows, int columns, int rowStart, int rowEnd, int columnStart)
    {
        for (int r = rowStart; r < rowEnd; r++)
        {
            float* from = source + (nint)r * columns;
            for (int c = columnStart; c < columns; c++) target[(nint)c * rows + r] = from[c];
        }
    }

    // Rows a..h: pairs interleave (a0 b0 a1 b1 | a4 b4 a5 b5), quads gather (a0 b0 c0 d0 | a4 b4 c4 d4), and
    // 128-bit halves of two quads make a column (a0 .. h0).
    private static unsafe void Transpose8x8(float* source, nint sourceStride, float* target, nint targetStride)
    {
        Vector256<float> a = Avx.LoadVector256(source), b = Avx.LoadVector256(source + sourceStride);
        Vector256<float> c = Avx.LoadVector256(source + 2 * sourceStride), d = Avx.LoadVector256(source + 3 * sourceStride);
        Vector256<float> e = Avx.LoadVector256(source + 4 * sourceStride), f = Avx.LoadVector256(source + 5 * sourceStride);
        Vector256<float> g = Avx.LoadVector256(source + 6 * sourceStride), h = Avx.LoadVector256(source + 7 * sourceStride);
        Vector256<float> ab0 = Avx.UnpackLow(a, b), ab1 = Avx.UnpackHigh(a, b), cd0 = Avx.UnpackLow(c, d), cd1 = Avx.UnpackHigh(c, d);
        Vector256<float> ef0 = Avx.UnpackLow(e, f), ef1 = Avx.UnpackHigh(e, f), gh0 = Avx.UnpackLow(g, h), gh1 = Avx.UnpackHigh(g, h);
        Vector256<float> abcd0 = Avx.Shuffle(ab0, cd0, 0x44), abcd1 = Avx.Shuffle(ab0, cd0, 0xEE);
        Vector256<float> abcd2 = Avx.Shuffle(ab1, cd1, 0x44), abcd3 = Avx.Shuffle(ab1, cd1, 0xEE);
        Vector256<float> efgh0 = Avx.Shuffle(ef0, gh0, 0x44), efgh1 = Avx.Shuffle(ef0, gh0, 0xEE);
        Vector256<float> efgh2 = Avx.Shuffle(ef1, gh1, 0x44), efgh3 = Avx.Shuffle(ef1, gh1, 0xEE);
        Avx.Store(target, Avx.Permute2x128(abcd0, efgh0, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(abcd1, efgh1, 0x20));
        Avx.Store(target + 2 * targetStride, Avx.Permute2x128(abcd2, efgh2, 0x20));
        Avx.Store(target + 3 * targetStride, Avx.Permute2x128(abcd3, efgh3, 0x20));
        Avx.Store(target + 4 * targetStride, Avx.Permute2x128(abcd0, efgh0, 0x31));
        Avx.Store(target + 5 * targetStride, Avx.Permute2x128(abcd1, efgh1, 0x31));
        Avx.Store(target + 6 * targetStride, Avx.Permute2x128(abcd2, efgh2, 0x31));
        Avx.Store(target + 7 * targetStride, Avx.Permute2x128(abcd3, efgh3, 0x31));
    }
}

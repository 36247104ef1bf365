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
        // Blocks of 16x16 keep both the rows read and the rows written in cache.
        const int Block = 16;
        for (int r0 = 0; r0 < rows; r0 += Block)
            for (int c0 = 0; c0 < columns; c0 += Block)
            {
                int rEnd = Math.Min(rows, r0 + Block), cEnd = Math.Min(columns, c0 + Block);
                for (int r = r0; r < rEnd; r++)
                {
                    float* from = source + (nint)r * columns;
                    for (int c = c0; c < cEnd; c++) target[(nint)c * rows + r] = from[c];
                }
            }
    }
}

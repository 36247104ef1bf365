using System.Numerics;

namespace ModelGen.Kernels;

public static partial class Pooling2DKernels
{
    /// <summary>
    /// <c>output[n, oy, ox, c]</c> = the largest of the window's cells inside the input, and
    /// <c>argmax</c> the flat index into <paramref name="input"/> of that cell, which backward needs.
    /// As PyTorch, the first maximum in row-major window order wins a tie, and a NaN wins over numbers.
    /// </summary>
    public static void MaxForward(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(input, output, batch, geometry, nameof(input), nameof(output));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        int channels = geometry.Channels, outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < geometry.OutHeight; oy++)
                for (int ox = 0; ox < geometry.OutWidth; ox++, outIndex += channels)
                    MaxOverWindow(input, output.Slice(outIndex, channels), argmax.Slice(outIndex, channels), geometry, Locate(geometry, n, oy, ox));
    }

    /// <summary>
    /// Keeps the best value and its index per channel in registers while the window's cells stream past.
    /// <see cref="Vector{T}"/> rather than explicit widths: the loop is bound by loads, not arithmetic.
    /// </summary>
    private static void MaxOverWindow(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, in Pooling2DGeometry g, Window window)
    {
        int c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c + Vector<float>.Count <= output.Length; c += Vector<float>.Count)
            {
                int first = window.First + c;
                var best = new Vector<float>(input.Slice(first));
                var bestIndex = new Vector<int>(first) + Vector<int>.Indices;
                for (int row = 0; row < window.Rows; row++)
                    for (int column = 0; column < window.Columns; column++)
                    {
                        int cell = Cell(g, window, row, column) + c;
                        var value = new Vector<float>(input.Slice(cell));
                        Vector<int> takes = Vector.GreaterThan(value, best) | ~Vector.Equals(value, value);
                        best = Vector.ConditionalSelect(takes, value, best);
                        bestIndex = Vector.ConditionalSelect(takes, new Vector<int>(cell) + Vector<int>.Indices, bestIndex);
                    }
                best.CopyTo(output.Slice(c));
                bestIndex.CopyTo(argmax.Slice(c));
            }
        }
        for (; c < output.Length; c++)
        {
            int bestIndex = window.First + c;
            float best = input[bestIndex];
            for (int row = 0; row < window.Rows; row++)
                for (int column = 0; column < window.Columns; column++)
                {
                    int cell = Cell(g, window, row, column) + c;
                    if (input[cell] > best || float.IsNaN(input[cell])) (best, bestIndex) = (input[cell], cell);
                }
            output[c] = best;
            argmax[c] = bestIndex;
        }
    }

    /// <summary>
    /// Backward of <see cref="MaxForward"/>: overwrites <paramref name="dInput"/> with zeros, then adds
    /// each output gradient to the input cell its <paramref name="argmax"/> names (overlapping windows
    /// may name a cell twice). A scalar scatter already, so it has no separate reference twin.
    /// </summary>
    public static void MaxBackward(ReadOnlySpan<float> dOutput, ReadOnlySpan<int> argmax, Span<float> dInput, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(dInput, dOutput, batch, geometry, nameof(dInput), nameof(dOutput));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        dInput.Clear();
        for (int i = 0; i < dOutput.Length; i++) dInput[argmax[i]] += dOutput[i];
    }

    /// <summary>Scalar twin of <see cref="MaxForward"/> straight from the definition, the reference for tests.</summary>
    public static void MaxForwardReference(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(input, output, batch, geometry, nameof(input), nameof(output));
        Guard.Length(argmax, geometry.OutputLength(batch), nameof(argmax));
        var g = geometry;
        int outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    for (int c = 0; c < g.Channels; c++, outIndex++)
                    {
                        int bestIndex = -1;
                        for (int py = 0; py < g.PoolSize; py++)
                            for (int px = 0; px < g.PoolSize; px++)
                            {
                                int iy = oy * g.Stride - g.PadTop + py, ix = ox * g.Stride - g.PadLeft + px;
                                if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
                                int index = ((n * g.Height + iy) * g.Width + ix) * g.Channels + c;
                                if (bestIndex < 0 || input[index] > input[bestIndex] || float.IsNaN(input[index])) bestIndex = index;
                            }
                        output[outIndex] = input[bestIndex];
                        argmax[outIndex] = bestIndex;
                    }
    }
}

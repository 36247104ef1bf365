using System.Numerics.Tensors;

namespace ModelGen.Kernels;

public static partial class Pooling2DKernels
{
    /// <summary>
    /// <c>output[n, oy, ox, c]</c> = the mean of the window's cells inside the input. With same
    /// padding a border window therefore averages fewer cells, as Keras (TensorFlow) does, rather
    /// than counting the padding as zeros.
    /// </summary>
    public static void AvgForward(ReadOnlySpan<float> input, Span<float> output, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(input, output, batch, geometry, nameof(input), nameof(output));
        int channels = geometry.Channels, outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < geometry.OutHeight; oy++)
                for (int ox = 0; ox < geometry.OutWidth; ox++, outIndex += channels)
                {
                    Window window = Locate(geometry, n, oy, ox);
                    Span<float> mean = output.Slice(outIndex, channels);
                    mean.Clear();
                    for (int row = 0; row < window.Rows; row++)
                        for (int column = 0; column < window.Columns; column++)
                            TensorPrimitives.Add(mean, input.Slice(Cell(geometry, window, row, column), channels), mean);
                    TensorPrimitives.Multiply(mean, 1f / window.Count, mean);
                }
    }

    /// <summary>
    /// Backward of <see cref="AvgForward"/>: overwrites <paramref name="dInput"/> with, for each cell,
    /// the sum over the windows holding it of that window's output gradient divided by its cell count.
    /// </summary>
    public static void AvgBackward(ReadOnlySpan<float> dOutput, Span<float> dInput, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(dInput, dOutput, batch, geometry, nameof(dInput), nameof(dOutput));
        dInput.Clear();
        int channels = geometry.Channels, outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < geometry.OutHeight; oy++)
                for (int ox = 0; ox < geometry.OutWidth; ox++, outIndex += channels)
                {
                    Window window = Locate(geometry, n, oy, ox);
                    ReadOnlySpan<float> gradient = dOutput.Slice(outIndex, channels);
                    float share = 1f / window.Count;
                    for (int row = 0; row < window.Rows; row++)
                        for (int column = 0; column < window.Columns; column++)
                            VectorMath.MultiplyAdd(gradient, share, dInput.Slice(Cell(geometry, window, row, column), channels));
                }
    }

    /// <summary>Scalar twin of <see cref="AvgForward"/> straight from the definition, the reference for tests.</summary>
    public static void AvgForwardReference(ReadOnlySpan<float> input, Span<float> output, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(input, output, batch, geometry, nameof(input), nameof(output));
        var g = geometry;
        int outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    for (int c = 0; c < g.Channels; c++, outIndex++)
                    {
                        double sum = 0;
                        int count = 0;
                        foreach (int index in InsideCells(g, n, oy, ox, c))
                        {
                            sum += input[index];
                            count++;
                        }
                        output[outIndex] = (float)(sum / count);
                    }
    }

    /// <summary>Scalar twin of <see cref="AvgBackward"/> straight from the definition, the reference for tests.</summary>
    public static void AvgBackwardReference(ReadOnlySpan<float> dOutput, Span<float> dInput, int batch, in Pooling2DGeometry geometry)
    {
        CheckShapes(dInput, dOutput, batch, geometry, nameof(dInput), nameof(dOutput));
        dInput.Clear();
        var g = geometry;
        int outIndex = 0;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    for (int c = 0; c < g.Channels; c++, outIndex++)
                    {
                        int count = InsideCells(g, n, oy, ox, c).Count();
                        foreach (int index in InsideCells(g, n, oy, ox, c)) dInput[index] += dOutput[outIndex] / count;
                    }
    }

    /// <summary>Flat indices of channel <paramref name="c"/> of the window's cells inside the input.</summary>
    private static IEnumerable<int> InsideCells(Pooling2DGeometry g, int n, int oy, int ox, int c)
    {
        for (int py = 0; py < g.PoolSize; py++)
            for (int px = 0; px < g.PoolSize; px++)
            {
                int iy = oy * g.Stride - g.PadTop + py, ix = ox * g.Stride - g.PadLeft + px;
                if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width)
                    yield return ((n * g.Height + iy) * g.Width + ix) * g.Channels + c;
            }
    }
}

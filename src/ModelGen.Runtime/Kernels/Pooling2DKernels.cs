namespace ModelGen.Kernels;

/// <summary>
/// Pooling over an NHWC batch: input <c>(batch, Height, Width, Channels)</c>, output
/// <c>(batch, OutHeight, OutWidth, Channels)</c>, sizes in <see cref="Pooling2DGeometry"/>; and
/// global average pooling, <c>(batch, height, width, channels)</c> to <c>(batch, channels)</c>.
/// Backward kernels overwrite the input gradient.
/// </summary>
/// <remarks>
/// Channels are contiguous in NHWC, so each window is reduced a vector of channels at a time, and a
/// window's cells are the only loop that is not a span operation.
/// </remarks>
public static partial class Pooling2DKernels
{
    /// <summary>
    /// A window's cells inside the input: the flat index of the first one's first channel, and how
    /// many rows and columns of cells follow (at least one each for a geometry from <see cref="Pooling2DGeometry.Create"/>).
    /// </summary>
    private readonly record struct Window(int First, int Rows, int Columns)
    {
        public int Count => Rows * Columns;
    }

    private static Window Locate(in Pooling2DGeometry g, int n, int oy, int ox)
    {
        int top = oy * g.Stride - g.PadTop, left = ox * g.Stride - g.PadLeft;
        var (yFirst, yEnd) = WindowAxis.Inside(top, 1, g.PoolSize, g.Height);
        var (xFirst, xEnd) = WindowAxis.Inside(left, 1, g.PoolSize, g.Width);
        return new(((n * g.Height + top + yFirst) * g.Width + left + xFirst) * g.Channels, yEnd - yFirst, xEnd - xFirst);
    }

    /// <summary>Flat index of the first channel of the window's cell at <paramref name="row"/>, <paramref name="column"/>.</summary>
    private static int Cell(in Pooling2DGeometry g, Window window, int row, int column) =>
        window.First + (row * g.Width + column) * g.Channels;

    private static void CheckShapes(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int batch, in Pooling2DGeometry geometry,
        string inputName, string outputName)
    {
        Guard.Length(input, geometry.InputLength(batch), inputName);
        Guard.Length(output, geometry.OutputLength(batch), outputName);
    }
}

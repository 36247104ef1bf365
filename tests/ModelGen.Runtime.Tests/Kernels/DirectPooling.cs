namespace ModelGen.Kernels.Tests;

/// <summary>
/// Max and average pooling in double straight from their definitions, over the window cells inside
/// the input: the independent forwards that the gradient checks differentiate.
/// </summary>
internal static class DirectPooling
{
    public static double[] Max(double[] input, int batch, Pooling2DGeometry g) =>
        Pool(input, batch, g, cells => cells.Max());

    /// <summary>Keras' average: padding cells are left out of both the sum and the count.</summary>
    public static double[] Average(double[] input, int batch, Pooling2DGeometry g) =>
        Pool(input, batch, g, cells => cells.Average());

    public static double[] GlobalAverage(double[] input, int batch, int height, int width, int channels)
    {
        double[] output = new double[batch * channels];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < height * width; p++) output[n * channels + c] += input[(n * height * width + p) * channels + c];
                output[n * channels + c] /= height * width;
            }
        return output;
    }

    private static double[] Pool(double[] input, int batch, Pooling2DGeometry g, Func<List<double>, double> reduce)
    {
        double[] output = new double[g.OutputLength(batch)];
        var cells = new List<double>();
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    for (int c = 0; c < g.Channels; c++)
                    {
                        cells.Clear();
                        for (int py = 0; py < g.PoolSize; py++)
                            for (int px = 0; px < g.PoolSize; px++)
                            {
                                int iy = oy * g.Stride + py - g.PadTop, ix = ox * g.Stride + px - g.PadLeft;
                                if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width)
                                    cells.Add(input[((n * g.Height + iy) * g.Width + ix) * g.Channels + c]);
                            }
                        output[((n * g.OutHeight + oy) * g.OutWidth + ox) * g.Channels + c] = reduce(cells);
                    }
        return output;
    }
}

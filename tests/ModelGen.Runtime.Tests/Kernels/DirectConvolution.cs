namespace ModelGen.Kernels.Tests;

/// <summary>
/// Convolution in double straight from its definition, a sum over the kernel taps inside the input,
/// with no patch matrix: the independent forward that the gradient checks differentiate.
/// </summary>
internal static class DirectConvolution
{
    public static double[] Forward(double[] input, double[] kernel, double[] bias, int batch, Conv2DGeometry g)
    {
        double[] output = new double[g.OutputLength(batch)];
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < g.OutHeight; oy++)
                for (int ox = 0; ox < g.OutWidth; ox++)
                    for (int f = 0; f < g.Filters; f++)
                    {
                        double sum = bias.Length == 0 ? 0 : bias[f];
                        for (int ky = 0; ky < g.KernelSize; ky++)
                            for (int kx = 0; kx < g.KernelSize; kx++)
                            {
                                int iy = oy * g.Stride + ky * g.Dilation - g.PadTop;
                                int ix = ox * g.Stride + kx * g.Dilation - g.PadLeft;
                                if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
                                for (int c = 0; c < g.Channels; c++)
                                    sum += input[((n * g.Height + iy) * g.Width + ix) * g.Channels + c]
                                         * kernel[((ky * g.KernelSize + kx) * g.Channels + c) * g.Filters + f];
                            }
                        output[((n * g.OutHeight + oy) * g.OutWidth + ox) * g.Filters + f] = sum;
                    }
        return output;
    }
}

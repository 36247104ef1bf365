namespace ModelGen.Kernels;

/// <summary>
/// Where a <c>PoolSize x PoolSize</c> window lands on its NHWC input <c>(batch, Height, Width, Channels)</c>,
/// and the output <c>(batch, OutHeight, OutWidth, Channels)</c>. Build it with <see cref="Create"/>,
/// which applies Keras' padding rules. Padding cells are never read: a window averages or takes the
/// maximum of the cells inside the input only.
/// </summary>
public readonly record struct Pooling2DGeometry(
    int Height, int Width, int Channels, int PoolSize, int Stride, int PadTop, int PadLeft, int OutHeight, int OutWidth)
{
    /// <summary>
    /// The geometry of a pooling window, with <c>out = (in - poolSize) / stride + 1</c> for valid padding
    /// and <c>ceil(in / stride)</c> for same padding. The stride must be given (Keras' default is the pool size).
    /// </summary>
    public static Pooling2DGeometry Create(int height, int width, int channels, int poolSize, int stride, Padding padding)
    {
        WindowAxis.CheckPositive(height, nameof(height));
        WindowAxis.CheckPositive(width, nameof(width));
        WindowAxis.CheckPositive(channels, nameof(channels));
        WindowAxis.CheckPositive(poolSize, nameof(poolSize));
        WindowAxis.CheckPositive(stride, nameof(stride));
        var (outHeight, padTop) = WindowAxis.Place(height, poolSize, stride, padding, nameof(height));
        var (outWidth, padLeft) = WindowAxis.Place(width, poolSize, stride, padding, nameof(width));
        return new(height, width, channels, poolSize, stride, padTop, padLeft, outHeight, outWidth);
    }

    /// <summary><c>batch * Height * Width * Channels</c>.</summary>
    public int InputLength(int batch) => batch * Height * Width * Channels;

    /// <summary><c>batch * OutHeight * OutWidth * Channels</c>; also the length of max pooling's argmax workspace.</summary>
    public int OutputLength(int batch) => batch * OutHeight * OutWidth * Channels;
}

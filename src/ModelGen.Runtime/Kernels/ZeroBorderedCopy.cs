namespace ModelGen.Kernels;

/// <summary>
/// One sample of a padded convolution's input copied into a zero-bordered buffer of the calling
/// thread, so that every window lies inside it and the convolution's fast interior path covers every
/// output pixel: a border pixel otherwise goes through a one-pixel path several times slower.
/// </summary>
internal static unsafe class ZeroBorderedCopy
{
    [ThreadStatic] private static float[]? t_buffer;

    /// <summary>Whether some window of <paramref name="g"/> reaches outside the input.</summary>
    public static bool Needed(in Conv2DGeometry g) => g.PadTop > 0 || g.PadLeft > 0 || Height(g) > g.Height || Width(g) > g.Width;

    /// <summary>The geometry over the bordered buffer: the same windows and outputs, no padding.</summary>
    public static Conv2DGeometry Bordered(in Conv2DGeometry g) => g with { Height = Height(g), Width = Width(g), PadTop = 0, PadLeft = 0 };

    /// <summary>Copies <paramref name="sample"/> into this thread's buffer, its first cell at (PadTop, PadLeft), and returns the buffer.</summary>
    public static float* Make(float* sample, in Conv2DGeometry g)
    {
        int height = Height(g), width = Width(g), channels = g.Channels, rowLength = g.Width * channels;
        int length = height * width * channels;
        float* buffer = PinnedScratch.Grow(ref t_buffer, length);
        // Cleared whole each time: layers of other shapes share the buffer and leave their cells in the border.
        new Span<float>(buffer, length).Clear();
        for (int row = 0; row < g.Height; row++)
            new ReadOnlySpan<float>(sample + (nint)row * rowLength, rowLength)
                .CopyTo(new Span<float>(buffer + ((nint)(row + g.PadTop) * width + g.PadLeft) * channels, rowLength));
        return buffer;
    }

    // The bordered image spans every window: the last one starts at (out - 1) * stride and reaches one window further.
    private static int Height(in Conv2DGeometry g) => Math.Max(g.Height + g.PadTop, (g.OutHeight - 1) * g.Stride + g.Dilation * (g.KernelSize - 1) + 1);

    private static int Width(in Conv2DGeometry g) => Math.Max(g.Width + g.PadLeft, (g.OutWidth - 1) * g.Stride + g.Dilation * (g.KernelSize - 1) + 1);
}

namespace ModelGen.Benchmarks.Convolution;

/// <summary>
/// Moves a batch between channels-last and channels-first: <c>(batch, pixels, channels)</c> and
/// <c>(batch, channels, pixels)</c>, pixels being height times width. Also the price a model would
/// pay at each boundary between an NCHW convolution and NHWC layers.
/// </summary>
internal static class LayoutTranspose
{
    public static void NhwcToNchw(ReadOnlySpan<float> source, Span<float> destination, int batch, int pixels, int channels)
    {
        int imageLength = pixels * channels;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> from = source.Slice(n * imageLength, imageLength);
            Span<float> to = destination.Slice(n * imageLength, imageLength);
            for (int p = 0; p < pixels; p++)
                for (int c = 0; c < channels; c++)
                    to[c * pixels + p] = from[p * channels + c];
        }
    }

    public static void NchwToNhwc(ReadOnlySpan<float> source, Span<float> destination, int batch, int pixels, int channels) =>
        NhwcToNchw(source, destination, batch, channels, pixels);
}

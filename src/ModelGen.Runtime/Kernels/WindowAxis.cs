namespace ModelGen.Kernels;

/// <summary>
/// A sliding window (convolution kernel or pooling window) along one axis: where Keras places it,
/// and which of its taps land inside the input rather than in the zero padding.
/// </summary>
internal static class WindowAxis
{
    /// <summary>
    /// Output positions and zero cells before the input for a window covering <paramref name="span"/>
    /// input cells. Same padding is Keras': <c>out = ceil(in / stride)</c>, total padding
    /// <c>max((out - 1) * stride + span - in, 0)</c>, the odd cell going after the input.
    /// </summary>
    public static (int Output, int PadBefore) Place(int input, int span, int stride, Padding padding, string axis)
    {
        if (padding == Padding.Same)
        {
            int output = (input + stride - 1) / stride;
            int total = Math.Max((output - 1) * stride + span - input, 0);
            return (output, total / 2);
        }
        if (span > input)
            throw new ArgumentOutOfRangeException(axis, input, $"A window spanning {span} cells does not fit a {axis} of {input} without padding.");
        return ((input - span) / stride + 1, 0);
    }

    /// <summary>
    /// The taps <c>[First, End)</c> of a window whose first tap is at <paramref name="start"/> (negative
    /// inside the padding) and whose taps are <paramref name="step"/> apart, that land in <c>[0, extent)</c>.
    /// </summary>
    public static (int First, int End) Inside(int start, int step, int taps, int extent)
    {
        int first = start >= 0 ? 0 : Math.Min(taps, (step - 1 - start) / step);
        int end = start >= extent ? 0 : Math.Min(taps, (extent - start + step - 1) / step);
        return (first, Math.Max(first, end));
    }

    public static void CheckPositive(int value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }
}

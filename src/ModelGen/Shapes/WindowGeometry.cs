using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>
/// Where a sliding window (convolution kernel or pooling window) lands along one axis, with Keras'
/// rules: valid padding keeps the window inside the input; same padding pads with zeros so the
/// output is <c>ceil(input / stride)</c>, the extra row going after the input when the total is odd.
/// </summary>
internal readonly record struct WindowGeometry(int Input, int Window, int Stride, PaddingKind Padding)
{
    /// <summary>Output positions along the axis (zero or less when the window does not fit).</summary>
    public int Output => Stride <= 0 || Window <= 0 ? 0 : Padding == PaddingKind.Same
        ? (Input + Stride - 1) / Stride
        : Input >= Window ? (Input - Window) / Stride + 1 : 0;

    /// <summary>Zero rows added before the input.</summary>
    public int PadBefore => Padding == PaddingKind.Same ? TotalPadding / 2 : 0;

    /// <summary>Whether the window fits the (padded) input at least once.</summary>
    public bool Fits => Output > 0;

    /// <summary>Input rows after the last window that no window covers (valid padding only).</summary>
    public int Dropped => Padding == PaddingKind.Valid && Fits ? (Input - Window) % Stride : 0;

    private int TotalPadding => System.Math.Max((Output - 1) * Stride + Window - Input, 0);
}

namespace ModelGen.Kernels;

/// <summary>
/// Where a Conv2D's square kernel lands on its NHWC input <c>(batch, Height, Width, Channels)</c>:
/// stride and dilation on both axes, the zero rows and columns before the input (after it is
/// implied by the output size), and the output <c>(batch, OutHeight, OutWidth, Filters)</c>.
/// Build it with <see cref="Create"/>, which applies Keras' padding rules.
/// </summary>
/// <remarks>
/// The kernel is stored as Keras stores it, <c>(KernelSize, KernelSize, Channels, Filters)</c>, which
/// flattened is the <c>(PatchLength, Filters)</c> matrix that multiplies the patch matrix.
/// </remarks>
public readonly record struct Conv2DGeometry(
    int Height, int Width, int Channels, int KernelSize, int Stride, int Dilation,
    int PadTop, int PadLeft, int OutHeight, int OutWidth, int Filters)
{
    /// <summary>
    /// The geometry of a <c>kernelSize x kernelSize</c> convolution, with
    /// <c>out = (in - dilation * (kernelSize - 1) - 1) / stride + 1</c> for valid padding and
    /// <c>ceil(in / stride)</c> for same padding (see <see cref="Padding"/>).
    /// </summary>
    public static Conv2DGeometry Create(int height, int width, int channels, int filters, int kernelSize, int stride, int dilation, Padding padding)
    {
        WindowAxis.CheckPositive(height, nameof(height));
        WindowAxis.CheckPositive(width, nameof(width));
        WindowAxis.CheckPositive(channels, nameof(channels));
        WindowAxis.CheckPositive(filters, nameof(filters));
        WindowAxis.CheckPositive(kernelSize, nameof(kernelSize));
        WindowAxis.CheckPositive(stride, nameof(stride));
        WindowAxis.CheckPositive(dilation, nameof(dilation));
        int span = dilation * (kernelSize - 1) + 1;
        var (outHeight, padTop) = WindowAxis.Place(height, span, stride, padding, nameof(height));
        var (outWidth, padLeft) = WindowAxis.Place(width, span, stride, padding, nameof(width));
        return new(height, width, channels, kernelSize, stride, dilation, padTop, padLeft, outHeight, outWidth, filters);
    }

    /// <summary>Length of one patch, a row of the patch matrix: <c>KernelSize * KernelSize * Channels</c>.</summary>
    public int PatchLength => KernelSize * KernelSize * Channels;

    /// <summary>Rows of the patch matrix, one per output pixel: <c>batch * OutHeight * OutWidth</c>.</summary>
    public int PatchRows(int batch) => batch * OutHeight * OutWidth;

    /// <summary>
    /// Samples whose patches are built and multiplied at a time: as many as fit in about 512 KB, so
    /// the patch matrix is still in cache when the product reads it, and at least one.
    /// </summary>
    public int ChunkSamples => Math.Max(1, ChunkFloats / Math.Max(1, OutHeight * OutWidth * PatchLength));

    private const int ChunkFloats = 128 * 1024;

    /// <summary>
    /// Floats in each of the <c>patches</c> and <c>dPatches</c> workspaces: the patch matrix of
    /// <c>min(batch, ChunkSamples)</c> samples, or 0 when <see cref="InputIsPatchMatrix"/> or when this
    /// machine runs the layer by Winograd's tiles, which use neither (both depend on the machine, not the model).
    /// </summary>
    public int WorkspaceLength(int batch) =>
        InputIsPatchMatrix || WinogradConvolution.Suits(this) ? 0 : PatchRows(Math.Min(batch, ChunkSamples)) * PatchLength;

    /// <summary>
    /// True for a 1x1 kernel with stride 1 and no padding: every pixel is its own patch, so the input
    /// already is the patch matrix and the kernels skip the copy and leave the workspaces unused.
    /// </summary>
    public bool InputIsPatchMatrix => KernelSize == 1 && Stride == 1 && PadTop == 0 && PadLeft == 0 && OutHeight == Height && OutWidth == Width;

    /// <summary><c>KernelSize * KernelSize * Channels * Filters</c>.</summary>
    public int KernelLength => PatchLength * Filters;

    /// <summary><c>batch * Height * Width * Channels</c>.</summary>
    public int InputLength(int batch) => batch * Height * Width * Channels;

    /// <summary><c>batch * OutHeight * OutWidth * Filters</c>.</summary>
    public int OutputLength(int batch) => PatchRows(batch) * Filters;
}

namespace ModelGen.Kernels.Tests;

/// <summary>A convolution under test, named for the part of the geometry it exercises.</summary>
internal sealed record Conv2DCase(
    string Name, int Batch, int Height, int Width, int Channels, int Filters, int KernelSize, int Stride, int Dilation, Padding Padding, bool HasBias = true)
{
    /// <summary>Small enough for central differences over every input, kernel and bias element.</summary>
    public static readonly Conv2DCase[] Gradient =
    [
        new("7x7x3 input, 3x3 kernel, 5 filters, valid", 2, 7, 7, 3, 5, 3, 1, 1, Padding.Valid),
        new("same padding", 2, 7, 7, 3, 5, 3, 1, 1, Padding.Same),
        new("stride 2, same, one padding cell each side", 2, 7, 7, 3, 5, 3, 2, 1, Padding.Same),
        new("stride 2, same, odd padding cell after", 2, 6, 8, 2, 3, 3, 2, 1, Padding.Same),
        new("even kernel, same, padding after only", 2, 5, 5, 2, 3, 2, 1, 1, Padding.Same),
        new("dilation 2, valid", 2, 7, 7, 3, 4, 3, 1, 2, Padding.Valid),
        new("dilation 2, stride 2, same", 1, 7, 6, 2, 3, 3, 2, 2, Padding.Same),
        new("valid, stride 2 drops a row", 2, 8, 7, 2, 3, 3, 2, 1, Padding.Valid),
        new("valid, stride 3 drops two rows and columns", 2, 8, 8, 2, 3, 3, 3, 1, Padding.Valid),
        new("1x1 kernel (input is the patch matrix)", 2, 5, 6, 4, 3, 1, 1, 1, Padding.Valid),
        new("1x1 kernel, stride 2", 2, 5, 6, 4, 3, 1, 2, 1, Padding.Valid),
        new("kernel larger than input, same", 1, 3, 4, 2, 2, 5, 1, 1, Padding.Same),
        new("no bias", 2, 7, 7, 3, 5, 3, 2, 1, Padding.Same, HasBias: false),
    ];

    /// <summary>Wider channels and filters, so the dense kernel's vector blocks and the copy runs are long.</summary>
    public static readonly Conv2DCase[] Wide =
    [
        new("13 channels, 17 filters, same", 2, 9, 9, 13, 17, 3, 1, 1, Padding.Same),
        new("16 channels, 65 filters, stride 2", 1, 6, 6, 16, 65, 3, 2, 1, Padding.Valid),
        new("1 channel, 33 filters, same (an MNIST first layer)", 3, 8, 7, 1, 33, 3, 1, 1, Padding.Same),
        new("1x1 kernel, 20 channels, 16 filters", 1, 4, 4, 20, 16, 1, 1, 1, Padding.Valid),
        new("dilation 3, 5 channels, 9 filters, no bias", 2, 9, 8, 5, 9, 3, 1, 3, Padding.Same, HasBias: false),
        // Short patches and filters in sixteens take the direct convolution instead of im2col.
        new("direct: 1 channel, 32 filters, same", 2, 8, 7, 1, 32, 3, 1, 1, Padding.Same),
        // 11 interior columns: a six-pixel tile, then one moved back to overlap it, then the border pixel.
        new("direct: 2 channels, 32 filters, same, 13 wide", 2, 6, 13, 2, 32, 3, 1, 1, Padding.Same),
        new("direct: 1 channel, 16 filters, stride 2, 15 wide", 1, 5, 15, 1, 16, 3, 2, 1, Padding.Valid),
        new("direct: 3 channels, 48 filters, stride 2, dilation 2, no bias", 2, 9, 9, 3, 48, 3, 2, 2, Padding.Same, HasBias: false),
        new("direct: 2 channels, 16 filters, valid", 1, 6, 5, 2, 16, 2, 1, 1, Padding.Valid),
        // Patches longer than 32 with filters in sixty-fours: forward reads the input in place, six pixels at a time.
        new("implicit: 8 channels, 64 filters, same (zero-bordered copy)", 2, 7, 9, 8, 64, 3, 1, 1, Padding.Same),
        // 3 x 13 = 39 pixels: six tiles, then a seventh moved back to overlap the sixth, across row ends.
        new("implicit: 5 channels, 128 filters, valid, 39 pixels", 1, 5, 15, 5, 128, 3, 1, 1, Padding.Valid),
        new("implicit: 6 channels, 64 filters, stride 2, dilation 2, same, no bias", 2, 9, 10, 6, 64, 3, 2, 2, Padding.Same, HasBias: false),
        new("implicit: even kernel, same (padding after only), 9 channels", 1, 6, 6, 9, 64, 2, 1, 1, Padding.Same),
        // 3x3 at stride 1 with channels and filters in sixteens: Winograd F(4x4, 3x3) tiles, the last of each row and column overhanging.
        new("winograd: 32 channels, 64 filters, valid, 13x13 (LeNet's second layer)", 2, 13, 13, 32, 64, 3, 1, 1, Padding.Valid),
        new("winograd: 16 channels, 48 filters, same, 14x14, no bias", 1, 14, 14, 16, 48, 3, 1, 1, Padding.Same, HasBias: false),
        new("winograd: 16 channels, 16 filters, valid, 7x10, 3 samples", 3, 7, 10, 16, 16, 3, 1, 1, Padding.Valid),
        // 3 x 9 = 27 tiles: a chunk of 18, then one of 9.
        new("winograd: 32 channels, 32 filters, same, 12x11, 3 samples in two chunks", 3, 12, 11, 32, 32, 3, 1, 1, Padding.Same),
        // 38 * 38 * 72 patch floats per sample exceed one chunk, so the batch runs as three chunks.
        new("40x40x8, 3 samples in three chunks", 3, 40, 40, 8, 20, 3, 1, 1, Padding.Valid),
    ];

    public static TheoryData<string> GradientNames => new(Gradient.Select(c => c.Name));

    public static TheoryData<string> AllNames => new(Gradient.Concat(Wide).Select(c => c.Name));

    public static Conv2DCase Named(string name) => Gradient.Concat(Wide).Single(c => c.Name == name);

    /// <summary>A seed fixed by the case's place in the lists, so a failure reproduces (string hashes change per process).</summary>
    public int Seed => Array.IndexOf(Gradient.Concat(Wide).ToArray(), this) + 1;

    public Conv2DGeometry Geometry => Conv2DGeometry.Create(Height, Width, Channels, Filters, KernelSize, Stride, Dilation, Padding);
}

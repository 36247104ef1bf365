namespace ModelGen.Data;

/// <summary>Grayscale images with one class label each, as IDX data sets store them.</summary>
/// <param name="Images">Raw pixels 0 (background) to 255, one image per row, row-major: shape <c>(Count, Height * Width)</c>.
/// <see cref="Pixels.Normalize"/> turns them into the [0, 1] floats a model trains on.</param>
/// <param name="Labels">The class index of each image.</param>
/// <param name="Height">Pixel rows per image.</param>
/// <param name="Width">Pixel columns per image.</param>
public sealed record LabeledImages(byte[,] Images, int[] Labels, int Height, int Width)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;
}

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

    /// <summary>Images <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1, copied (Python's <c>x[start:start + count]</c>).</summary>
    public LabeledImages Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Count) throw new ArgumentOutOfRangeException(nameof(count), $"Images {start} to {start + count - 1} do not exist: there are {Count}.");
        int pixels = Height * Width;
        var images = new byte[count, pixels];
        if (count > 0)
        {
            System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref Images[0, 0], Images.Length)
                .Slice(start * pixels, count * pixels)
                .CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref images[0, 0], images.Length));
        }
        return new LabeledImages(images, Labels.AsSpan(start, count).ToArray(), Height, Width);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Data;

/// <summary>Turns raw 8-bit pixels into model inputs.</summary>
public static class Pixels
{
    /// <summary>
    /// Scales pixels 0..255 to [0, 1] by dividing by 255, the usual <c>x_train / 255.0</c> (the float division
    /// gives the same floats as Keras' double division rounded to float).
    /// </summary>
    /// <param name="images">One image per row, as in <see cref="LabeledImages.Images"/>.</param>
    /// <returns>A new matrix of the same shape.</returns>
    /// <example>
    /// <code>
    /// var data = FashionMnist.Load();
    /// model.Fit(Pixels.Normalize(data.Train.Images), data.Train.Labels, epochs: 5);
    /// </code>
    /// </example>
    public static float[,] Normalize(byte[,] images)
    {
        var normalized = new float[images.GetLength(0), images.GetLength(1)];
        ReadOnlySpan<byte> source = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(images), images.Length);
        Span<float> destination = MemoryMarshal.CreateSpan(
            ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(normalized)), normalized.Length);
        for (int i = 0; i < source.Length; i++) destination[i] = source[i] / 255f;
        return normalized;
    }
}

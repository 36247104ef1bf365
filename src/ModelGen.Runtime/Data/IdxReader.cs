using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Data;

/// <summary>
/// Reads IDX files, the format of MNIST, Fashion-MNIST, EMNIST and KMNIST, gzipped or not.
/// </summary>
/// <remarks>
/// Supported value types are those IDX defines: <see cref="byte"/> (0x08), <see cref="sbyte"/> (0x09),
/// <see cref="short"/> (0x0B), <see cref="int"/> (0x0C), <see cref="float"/> (0x0D) and <see cref="double"/> (0x0E).
/// A file is gzipped when it starts with the gzip magic bytes, whatever its name.
/// </remarks>
/// <example>
/// <code>
/// byte[,] images = IdxReader.ReadMatrix&lt;byte&gt;("train-images-idx3-ubyte.gz");   // (60000, 784)
/// IdxArray&lt;byte&gt; labels = IdxReader.Read&lt;byte&gt;("train-labels-idx1-ubyte.gz");  // Dimensions [60000]
/// </code>
/// </example>
public static class IdxReader
{
    /// <summary>Reads every value of an IDX file with its dimensions.</summary>
    /// <typeparam name="T">The file's value type; another type is an error rather than a conversion.</typeparam>
    /// <param name="path">The file, gzipped or not.</param>
    /// <exception cref="InvalidDataException">The file is not IDX, holds another value type, is truncated or corrupt, or has data after its values; the message names the file.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a type IDX defines.</exception>
    public static IdxArray<T> Read<T>(string path) where T : unmanaged
    {
        using IdxStream idx = IdxStream.Open(path);
        IdxHeader header = idx.ReadHeader<T>();
        var values = new T[header.Count];
        idx.ReadValues<T>(header, values);
        return new IdxArray<T>(header.Dimensions, values);
    }

    /// <summary>
    /// Reads an IDX file as one row per entry of its first dimension, the other dimensions flattened into
    /// the columns: 28 x 28 images become rows of 784 pixels, the layout <c>Fit</c> and <c>Predict</c> take.
    /// </summary>
    /// <typeparam name="T">The file's value type; another type is an error rather than a conversion.</typeparam>
    /// <param name="path">The file, gzipped or not.</param>
    /// <exception cref="InvalidDataException">The file is not IDX, holds another value type, is truncated or corrupt, or has data after its values; the message names the file.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a type IDX defines.</exception>
    public static T[,] ReadMatrix<T>(string path) where T : unmanaged
    {
        using IdxStream idx = IdxStream.Open(path);
        IdxHeader header = idx.ReadHeader<T>();
        long columns = 1;
        for (int i = 1; i < header.Dimensions.Length; i++)
        {
            columns *= header.Dimensions[i];
            // With no rows the value count does not bound the row length, so it is checked on its own as it grows.
            if (columns > Array.MaxLength) throw new InvalidDataException($"{path}: its rows ({header.Shape}) are longer than an array can hold.");
        }

        var matrix = new T[header.Dimensions[0], columns];
        idx.ReadValues(header, MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length));
        return matrix;
    }
}

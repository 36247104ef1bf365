using System.Buffers.Binary;

namespace ModelGen.IO;

/// <summary>
/// Converts one tensor between memory order (floats, row-major <see cref="ParameterTensor.Shape"/>)
/// and file order (little-endian bytes, row-major <see cref="ParameterTensor.FileShape"/>).
/// </summary>
/// <remarks>
/// A <see cref="FileLayout.Transposed"/> tensor stored <c>(rows, columns)</c> is written
/// <c>(columns, rows)</c>: file element <c>[c, r]</c> is memory element <c>[r, c]</c>.
/// </remarks>
internal static class FileOrder
{
    public static void Encode(ParameterTensor tensor, ReadOnlySpan<float> memory, Span<byte> file)
    {
        for (int fileIndex = 0; fileIndex < tensor.Length; fileIndex++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(
                file[(fileIndex * sizeof(float))..], memory[MemoryIndex(tensor, fileIndex)]);
        }
    }

    public static void Decode(ParameterTensor tensor, ReadOnlySpan<byte> file, Span<float> memory)
    {
        for (int fileIndex = 0; fileIndex < tensor.Length; fileIndex++)
        {
            memory[MemoryIndex(tensor, fileIndex)] =
                BinaryPrimitives.ReadSingleLittleEndian(file[(fileIndex * sizeof(float))..]);
        }
    }

    private static int MemoryIndex(ParameterTensor tensor, int fileIndex)
    {
        if (tensor.FileLayout == FileLayout.Same)
        {
            return fileIndex;
        }

        int rows = tensor.Shape[0];
        int columns = tensor.Shape[1];
        (int column, int row) = Math.DivRem(fileIndex, rows);
        return row * columns + column;
    }
}

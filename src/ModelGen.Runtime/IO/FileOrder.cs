using System.Buffers.Binary;

namespace ModelGen.IO;

/// <summary>
/// Converts one tensor between memory order (floats, row-major <see cref="ParameterTensor.Shape"/>)
/// and file order (little-endian bytes, row-major <see cref="ParameterTensor.FileShape"/>).
/// </summary>
/// <remarks>
/// The file's axes are a permutation of memory's (<see cref="ParameterTensor.FileAxes"/>): a
/// <see cref="FileLayout.Transposed"/> tensor stored <c>(rows, columns)</c> is written
/// <c>(columns, rows)</c>, so file element <c>[c, r]</c> is memory element <c>[r, c]</c>.
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

    // Splits the file index into file coordinates (last axis fastest) and re-joins them in memory order.
    private static int MemoryIndex(ParameterTensor tensor, int fileIndex)
    {
        if (tensor.FileLayout == FileLayout.Same)
        {
            return fileIndex;
        }

        int[] axes = tensor.FileAxes;
        int[] shape = tensor.Shape;
        Span<int> strides = stackalloc int[shape.Length];
        for (int axis = shape.Length - 1, stride = 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }

        int memoryIndex = 0;
        for (int fileAxis = axes.Length - 1; fileAxis >= 0; fileAxis--)
        {
            int size = shape[axes[fileAxis]];
            (fileIndex, int coordinate) = Math.DivRem(fileIndex, size);
            memoryIndex += coordinate * strides[axes[fileAxis]];
        }

        return memoryIndex;
    }
}

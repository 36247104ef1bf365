using System.Buffers.Binary;
using System.Text;

namespace ModelGen.IO.Tests;

/// <summary>Builds safetensors files by hand, so tests can state exactly which bytes a reader sees.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The header <see cref="FakeModel.Counting"/> is written with, unpadded.</summary>
    public const string DenseHeader =
        """{"dense.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"dense.bias":{"dtype":"F32","shape":[2],"data_offsets":[24,32]},"__metadata__":{"format":"pt"}}""";

    /// <summary><see cref="FakeModel.Counting"/>'s data in file order: the kernel transposed, then the bias.</summary>
    public static readonly float[] DenseData = [1f, 3f, 5f, 2f, 4f, 6f, 7f, 8f];

    /// <summary>A length prefix, the header padded to 8 bytes, and the floats little-endian.</summary>
    public static byte[] Build(string header, params float[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        int paddedLength = (json.Length + 7) / 8 * 8;
        byte[] file = new byte[8 + paddedLength + data.Length * sizeof(float)];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)paddedLength);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, paddedLength - json.Length).Fill((byte)' ');
        for (int i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(8 + paddedLength + i * sizeof(float)), data[i]);
        }

        return file;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

/// <summary>Builds IDX files byte by byte, so reader tests need no fixtures and can break any part on purpose.</summary>
internal static class IdxBytes
{
    /// <summary>Magic number, big-endian sizes, then <paramref name="values"/> (already big-endian) as given.</summary>
    public static byte[] File(IdxDataType type, int[] dimensions, ReadOnlySpan<byte> values)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        bytes[2] = (byte)type;
        bytes[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        values.CopyTo(bytes.AsSpan(4 + 4 * dimensions.Length));
        return bytes;
    }

    /// <summary>An unsigned-byte file.</summary>
    public static byte[] Bytes(int[] dimensions, byte[] values) => File(IdxDataType.UnsignedByte, dimensions, values);

    /// <summary>Values of <paramref name="size"/> bytes each, written big-endian by <paramref name="write"/>.</summary>
    public static byte[] BigEndian<T>(T[] values, int size, Action<Span<byte>, T> write)
    {
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++) write(bytes.AsSpan(i * size, size), values[i]);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest)) gzip.Write(bytes);
        return compressed.ToArray();
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ModelGen.Data;

/// <summary>
/// Reads one IDX file (LeCun's MNIST format): two zero bytes, a value-type byte, a dimension count, one
/// big-endian int32 size per dimension, then the values, big-endian and row-major, and nothing after them.
/// </summary>
/// <remarks>
/// A gzipped file is recognised by its magic bytes 1F 8B rather than by its name, because copies get
/// renamed and unpacked. Values are read straight into the caller's array; nothing else of their size is
/// allocated. Every error is an <see cref="InvalidDataException"/> whose message names the file and what
/// is wrong with it.
/// </remarks>
internal sealed class IdxStream : IDisposable
{
    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly string _path;

    private IdxStream(FileStream file, Stream stream, string path) => (_file, _stream, _path) = (file, stream, path);

    public static IdxStream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> magic = stackalloc byte[2];
        bool gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Position = 0;
        return new IdxStream(file, gzip ? new GZipStream(file, CompressionMode.Decompress) : file, path);
    }

    /// <summary>Reads and checks the header; the file must hold values of type <typeparamref name="T"/>.</summary>
    public IdxHeader ReadHeader<T>() where T : unmanaged
    {
        IdxDataType expected = TypeOf<T>();
        Span<byte> magic = stackalloc byte[4];
        int read = Fill(magic);
        if (read < 4) throw Corrupt($"truncated header: the file ends after {read} bytes, before the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0)
            throw Corrupt($"not an IDX file: it starts with 0x{magic[0]:X2} 0x{magic[1]:X2}, not the two zero bytes of the IDX magic number");
        var type = (IdxDataType)magic[2];
        if (!Enum.IsDefined(type))
            throw Corrupt($"unknown value type 0x{magic[2]:X2} in the magic number; IDX defines 0x08, 0x09, 0x0B, 0x0C, 0x0D and 0x0E");
        if (type != expected)
            throw Corrupt($"it holds {Describe(type)} (0x{(byte)type:X2}), but {Describe(expected)} (0x{(byte)expected:X2}) were asked for");
        if (magic[3] == 0) throw Corrupt("the header declares no dimensions");

        Span<byte> sizes = stackalloc byte[4 * magic[3]];
        read = Fill(sizes);
        if (read < sizes.Length)
            throw Corrupt($"truncated header: it declares {magic[3]} dimensions ({sizes.Length} bytes of sizes), but the file ends after {read} of those bytes");
        var dimensions = new int[magic[3]];
        int elementSize = ElementSize(type);
        long count = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes.Slice(4 * i));
            if (dimensions[i] < 0) throw Corrupt($"dimension {i} has the negative size {dimensions[i]}");
            count *= dimensions[i];
            // Checked as it grows, so the product cannot overflow a long before it is caught. Bytes rather than values
            // are limited because the values are read through one byte span.
            if (count * elementSize > Array.MaxLength)
                throw Corrupt($"the header declares {string.Join(" x ", dimensions[..(i + 1)])}... values, more bytes than an array can hold");
        }

        var header = new IdxHeader(type, dimensions, count);
        if (_stream is not GZipStream) CheckPlainLength(header);
        return header;
    }

    /// <summary>Fills <paramref name="destination"/>, which holds exactly the header's count, and checks that nothing follows.</summary>
    public void ReadValues<T>(IdxHeader header, Span<T> destination) where T : unmanaged
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        int read = Fill(bytes);
        if (read < bytes.Length) throw Truncated(header, read);
        Span<byte> next = stackalloc byte[1];
        if (Fill(next) > 0) throw ExtraData(header);
        if (BitConverter.IsLittleEndian) ToLittleEndian(bytes, ElementSize(header.DataType));
    }

    public void Dispose() => _stream.Dispose();

    // The length of an uncompressed file is known up front, so a header that declares more or less data than
    // the file holds is reported before the (possibly huge) result array is allocated.
    private void CheckPlainLength(IdxHeader header)
    {
        long expected = header.Count * ElementSize(header.DataType);
        long remaining = _file.Length - _file.Position;
        if (remaining < expected) throw Truncated(header, remaining);
        if (remaining > expected) throw ExtraData(header);
    }

    private int Fill(Span<byte> buffer)
    {
        try
        {
            return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt($"corrupt gzip data ({e.Message})", e);
        }
    }

    private static void ToLittleEndian(Span<byte> bytes, int elementSize)
    {
        switch (elementSize)
        {
            case 2:
                Span<short> shorts = MemoryMarshal.Cast<byte, short>(bytes);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                Span<int> ints = MemoryMarshal.Cast<byte, int>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                Span<long> longs = MemoryMarshal.Cast<byte, long>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    private InvalidDataException Truncated(IdxHeader header, long available) =>
        Corrupt($"truncated data: the header declares {header.Shape} {Describe(header.DataType)} " +
            $"({header.Count * ElementSize(header.DataType)} bytes), but the file holds only {available} bytes of data");

    private InvalidDataException ExtraData(IdxHeader header) =>
        Corrupt($"more data follows the {header.Shape} {Describe(header.DataType)} that the header declares");

    private InvalidDataException Corrupt(string problem, Exception? inner = null) => new($"{_path}: {problem}.", inner);

    private static IdxDataType TypeOf<T>() =>
        typeof(T) == typeof(byte) ? IdxDataType.UnsignedByte
        : typeof(T) == typeof(sbyte) ? IdxDataType.SignedByte
        : typeof(T) == typeof(short) ? IdxDataType.Int16
        : typeof(T) == typeof(int) ? IdxDataType.Int32
        : typeof(T) == typeof(float) ? IdxDataType.Single
        : typeof(T) == typeof(double) ? IdxDataType.Double
        : throw new NotSupportedException($"IDX files hold byte, sbyte, short, int, float or double values, not {typeof(T).Name}.");

    private static int ElementSize(IdxDataType type) => type switch
    {
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => 1,
    };

    private static string Describe(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte => "unsigned bytes",
        IdxDataType.SignedByte => "signed bytes",
        IdxDataType.Int16 => "16-bit integers",
        IdxDataType.Int32 => "32-bit integers",
        IdxDataType.Single => "32-bit floats",
        _ => "64-bit floats",
    };
}

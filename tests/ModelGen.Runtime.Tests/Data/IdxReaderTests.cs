using System.Buffers.Binary;
using ModelGen.Data;
using ModelGen.IO.Tests;

namespace ModelGen.Runtime.Tests.Data;

public class IdxReaderTests
{
    private static readonly byte[] TwelveBytes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnsignedBytesRoundTrip(bool gzip)
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "images", IdxBytes.Bytes([2, 2, 3], TwelveBytes), gzip);

        IdxArray<byte> array = IdxReader.Read<byte>(path);
        byte[,] matrix = IdxReader.ReadMatrix<byte>(path);

        Assert.Equal([2, 2, 3], array.Dimensions);
        Assert.Equal(TwelveBytes, array.Values);
        Assert.Equal(new byte[,] { { 0, 1, 2, 3, 4, 5 }, { 6, 7, 8, 9, 10, 255 } }, matrix);
    }

    [Fact]
    public void WiderTypesAreReadBigEndian()
    {
        using var folder = new TemporaryDirectory();

        Assert.Equal([-5, 7], ReadBack(folder, IdxDataType.SignedByte, new sbyte[] { -5, 7 }, 1, (span, v) => span[0] = (byte)v));
        Assert.Equal([-2, 300], ReadBack(folder, IdxDataType.Int16, new short[] { -2, 300 }, 2, BinaryPrimitives.WriteInt16BigEndian));
        Assert.Equal([-70000, 1 << 30], ReadBack(folder, IdxDataType.Int32, new[] { -70000, 1 << 30 }, 4, BinaryPrimitives.WriteInt32BigEndian));
        Assert.Equal([1.5f, -0.25f], ReadBack(folder, IdxDataType.Single, new[] { 1.5f, -0.25f }, 4, BinaryPrimitives.WriteSingleBigEndian));
        Assert.Equal([Math.PI, -1e300], ReadBack(folder, IdxDataType.Double, new[] { Math.PI, -1e300 }, 8, BinaryPrimitives.WriteDoubleBigEndian));
    }

    [Fact]
    public void GzipIsRecognisedByContentNotName()
    {
        using var folder = new TemporaryDirectory();
        byte[] plain = IdxBytes.Bytes([12], TwelveBytes);
        File.WriteAllBytes(folder.File("gzipped-without-suffix"), IdxBytes.Gzip(plain));
        File.WriteAllBytes(folder.File("plain.gz"), plain);

        Assert.Equal(TwelveBytes, IdxReader.Read<byte>(folder.File("gzipped-without-suffix")).Values);
        Assert.Equal(TwelveBytes, IdxReader.Read<byte>(folder.File("plain.gz")).Values);
    }

    [Fact]
    public void BadMagicNumber() =>
        AssertCorrupt([0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 5], "not an IDX file: it starts with 0x12 0x34");

    [Fact]
    public void UnknownValueType() =>
        AssertCorrupt([0, 0, 0x07, 0x01, 0, 0, 0, 1, 5], "unknown value type 0x07");

    [Fact]
    public void OtherValueTypeThanRequested() =>
        AssertCorrupt(IdxBytes.File(IdxDataType.Int32, [1], [0, 0, 0, 5]), "it holds 32-bit integers (0x0C), but unsigned bytes (0x08) were asked for");

    [Fact]
    public void NoDimensions() =>
        AssertCorrupt([0, 0, 0x08, 0], "the header declares no dimensions");

    [Fact]
    public void NegativeSize() =>
        AssertCorrupt([0, 0, 0x08, 1, 0xFF, 0xFF, 0xFF, 0xFE], "dimension 0 has the negative size -2");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmptyFile(bool gzip) =>
        AssertCorrupt([], "truncated header: the file ends after 0 bytes", gzip);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedHeader(bool gzip) =>
        AssertCorrupt([0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0], "truncated header: it declares 3 dimensions (12 bytes of sizes), but the file ends after 6", gzip);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedData(bool gzip) =>
        AssertCorrupt(IdxBytes.Bytes([2, 3], [1, 2, 3, 4]), "truncated data: the header declares 2 x 3 unsigned bytes (6 bytes), but the file holds only 4", gzip);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DataAfterTheDeclaredValues(bool gzip) =>
        AssertCorrupt(IdxBytes.Bytes([2], [1, 2, 3]), "more data follows the 2 unsigned bytes that the header declares", gzip);

    [Fact]
    public void HugeDeclaredSizeIsReportedWithoutAllocatingIt() =>
        AssertCorrupt(IdxBytes.Bytes([int.MaxValue / 2], [1, 2]), "truncated data: the header declares 1073741823 unsigned bytes");

    [Fact]
    public void CorruptGzipStream()
    {
        byte[] gzip = IdxBytes.Gzip(IdxBytes.Bytes([12], TwelveBytes));
        for (int i = 10; i < gzip.Length - 8; i++) gzip[i] ^= 0x5A;

        AssertCorrupt(gzip, "corrupt gzip data");
    }

    [Fact]
    public void TypesIdxDoesNotDefineAreRejected()
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "longs", IdxBytes.Bytes([1], [1]), gzip: false);

        var error = Assert.Throws<NotSupportedException>(() => IdxReader.Read<long>(path));

        Assert.Contains("not Int64", error.Message);
    }

    private static T[] ReadBack<T>(TemporaryDirectory folder, IdxDataType type, T[] values, int size, Action<Span<byte>, T> write)
        where T : unmanaged
    {
        string path = Write(folder, type.ToString(), IdxBytes.File(type, [values.Length], IdxBytes.BigEndian(values, size, write)), gzip: false);
        return IdxReader.Read<T>(path).Values;
    }

    private static void AssertCorrupt(byte[] bytes, string problem, bool gzip = false)
    {
        using var folder = new TemporaryDirectory();
        string path = Write(folder, "corrupt", bytes, gzip);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read<byte>(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    private static string Write(TemporaryDirectory folder, string name, byte[] bytes, bool gzip)
    {
        string path = folder.File(gzip ? name + ".gz" : name);
        File.WriteAllBytes(path, gzip ? IdxBytes.Gzip(bytes) : bytes);
        return path;
    }
}

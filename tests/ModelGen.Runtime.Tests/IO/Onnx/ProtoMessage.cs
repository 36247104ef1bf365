using System.Buffers.Binary;
using System.Text;

namespace ModelGen.IO.Onnx.Tests;

/// <summary>
/// A test-side protobuf decoder, written from the wire-format spec rather than from the writer: a
/// message is its fields in order, and a length-delimited field keeps its bytes, to be read as a
/// string, a nested message or raw data as the schema says.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<ProtoField> _fields = [];

    public ProtoMessage(ReadOnlySpan<byte> bytes)
    {
        int position = 0;
        while (position < bytes.Length)
        {
            ulong key = ReadVarint(bytes, ref position);
            int number = (int)(key >> 3), wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    _fields.Add(new ProtoField(number, wireType, ReadVarint(bytes, ref position), []));
                    break;
                case 2:
                    int length = checked((int)ReadVarint(bytes, ref position));
                    _fields.Add(new ProtoField(number, wireType, 0, bytes.Slice(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    _fields.Add(new ProtoField(number, wireType, 0, bytes.Slice(position, 4).ToArray()));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {wireType} of field {number} is not one ONNX files use.");
            }
        }
    }

    public long Int(int number) => (long)Single(number, 0).Varint;

    public long[] Ints(int number) => All(number, 0).Select(field => (long)field.Varint).ToArray();

    public float Float(int number) => BinaryPrimitives.ReadSingleLittleEndian(Single(number, 5).Bytes);

    public string String(int number) => Encoding.UTF8.GetString(Single(number, 2).Bytes);

    public string[] Strings(int number) => All(number, 2).Select(field => Encoding.UTF8.GetString(field.Bytes)).ToArray();

    public byte[] Bytes(int number) => Single(number, 2).Bytes;

    public ProtoMessage Message(int number) => new(Single(number, 2).Bytes);

    public ProtoMessage[] Messages(int number) => All(number, 2).Select(field => new ProtoMessage(field.Bytes)).ToArray();

    public bool Has(int number) => _fields.Any(field => field.Number == number);

    private ProtoField Single(int number, int wireType) => Assert.Single(All(number, wireType));

    private IEnumerable<ProtoField> All(int number, int wireType)
    {
        foreach (ProtoField field in _fields.Where(field => field.Number == number))
        {
            Assert.Equal(wireType, field.WireType);
            yield return field;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte next = bytes[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80) return value;
            if (shift > 63) throw new InvalidDataException("A varint runs past ten bytes.");
        }
    }

    private readonly record struct ProtoField(int Number, int WireType, ulong Varint, byte[] Bytes);
}

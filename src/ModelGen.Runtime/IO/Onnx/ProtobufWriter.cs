using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ModelGen.IO.Onnx;

/// <summary>
/// The part of the protocol-buffers wire format that ONNX files need: varint fields (int32, int64,
/// enums), fixed32 floats, and length-delimited fields (strings, bytes, nested messages).
/// </summary>
/// <remarks>
/// A field is a key <c>(field number &lt;&lt; 3) | wire type</c> followed by its value. Negative
/// integers are written as their 64-bit two's complement, ten bytes, as protobuf's int32/int64
/// require. A nested message is built in its own writer and then written as a length-delimited
/// field, so no length has to be known in advance.
/// </remarks>
internal sealed class ProtobufWriter
{
    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;
    private const int Fixed32Wire = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>An int32, int64 or enum field.</summary>
    public void Int64(int field, long value)
    {
        Key(field, VarintWire);
        Varint(unchecked((ulong)value));
    }

    /// <summary>A float field (fixed32, little-endian).</summary>
    public void Float(int field, float value)
    {
        Key(field, Fixed32Wire);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(sizeof(float)), value);
        _buffer.Advance(sizeof(float));
    }

    /// <summary>A string field, UTF-8.</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimitedWire);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A nested message field holding what <paramref name="message"/> has written.</summary>
    public void Message(int field, ProtobufWriter message) => Bytes(field, message.WrittenSpan);

    private void Key(int field, int wireType) => Varint((ulong)((uint)field << 3 | (uint)wireType));

    // Seven bits a byte, least significant group first; the high bit says another byte follows.
    private void Varint(ulong value)
    {
        Span<byte> bytes = _buffer.GetSpan(10);
        int count = 0;
        while (value >= 0x80)
        {
            bytes[count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[count++] = (byte)value;
        _buffer.Advance(count);
    }
}

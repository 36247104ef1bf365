namespace ModelGen.IO.Onnx.Tests;

/// <summary>Byte-exact encodings, worked out by hand from the protobuf wire-format spec.</summary>
public sealed class ProtobufWriterTests
{
    [Fact]
    public void Varint_fields_put_seven_bits_in_each_byte_least_significant_first()
    {
        var writer = new ProtobufWriter();
        writer.Int64(1, 300);
        writer.Int64(2, 1);

        // Key 1 << 3 | 0 = 0x08; 300 = 0b10_0101100 -> 0xAC 0x02. Then key 0x10, value 0x01.
        Assert.Equal([0x08, 0xAC, 0x02, 0x10, 0x01], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Negative_integers_take_ten_bytes_of_twos_complement()
    {
        var writer = new ProtobufWriter();
        writer.Int64(3, -1);

        Assert.Equal([0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Floats_are_fixed32_little_endian_and_strings_are_length_prefixed_utf8()
    {
        var writer = new ProtobufWriter();
        writer.Float(2, 1f);
        writer.String(4, "hé");

        // 1f = 0x3F800000; key 2 << 3 | 5 = 0x15. Key 4 << 3 | 2 = 0x22, then 3 UTF-8 bytes.
        Assert.Equal([0x15, 0x00, 0x00, 0x80, 0x3F, 0x22, 0x03, (byte)'h', 0xC3, 0xA9], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_nested_message_is_a_length_delimited_field_of_its_bytes()
    {
        var inner = new ProtobufWriter();
        inner.Int64(1, 150);
        var outer = new ProtobufWriter();
        outer.Message(3, inner);

        // The spec's own example: field 3 holding a message whose field 1 is 150.
        Assert.Equal([0x1A, 0x03, 0x08, 0x96, 0x01], outer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Long_payloads_get_multi_byte_lengths()
    {
        var writer = new ProtobufWriter();
        writer.Bytes(1, new byte[200]);

        Assert.Equal([0x0A, 0xC8, 0x01], writer.WrittenSpan[..3].ToArray());
        Assert.Equal(203, writer.WrittenSpan.Length);
    }
}

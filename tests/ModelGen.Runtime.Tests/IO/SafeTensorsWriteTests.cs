using System.Buffers.Binary;
using System.Text;

namespace ModelGen.IO.Tests;

public sealed class SafeTensorsWriteTests
{
    [Fact]
    public void Written_bytes_match_the_hand_built_layout()
    {
        byte[] written = WriteCounting();

        // The 163-byte header is padded with 5 spaces to 168, so the data starts at byte 8 + 168 = 176, a multiple of 8.
        Assert.Equal(168UL, BinaryPrimitives.ReadUInt64LittleEndian(written));
        string header = Encoding.UTF8.GetString(written, 8, 168);
        Assert.Equal(SafeTensorsBytes.DenseHeader + "     ", header);
        Assert.Equal(8 + 168 + 8 * sizeof(float), written.Length);
        Assert.Equal(SafeTensorsBytes.Build(SafeTensorsBytes.DenseHeader, SafeTensorsBytes.DenseData), written);
    }

    [Fact]
    public void Kernel_data_is_written_transposed()
    {
        byte[] written = WriteCounting();

        // Memory holds the (3, 2) kernel [[1, 2], [3, 4], [5, 6]]; the file's (2, 3) weight is [[1, 3, 5], [2, 4, 6]].
        float[] data = Enumerable.Range(0, 8)
            .Select(i => BinaryPrimitives.ReadSingleLittleEndian(written.AsSpan(176 + i * sizeof(float))))
            .ToArray();
        Assert.Equal([1f, 3f, 5f, 2f, 4f, 6f, 7f, 8f], data);
    }

    [Fact]
    public void Tensors_outside_the_buffer_are_refused_before_writing()
    {
        ParameterTensor[] tensors = [new("too.long", Offset: 6, Shape: [3], FileLayout.Same, L1: 0f, L2: 0f)];
        using var stream = new MemoryStream();

        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Write(stream, tensors, new float[8]));

        Assert.Contains("too.long", exception.Message);
        Assert.Equal(0, stream.Length);
    }

    private static byte[] WriteCounting()
    {
        FakeModel model = FakeModel.Counting();
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, model.ParameterTensors, model.Parameters);
        return stream.ToArray();
    }
}

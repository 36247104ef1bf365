namespace ModelGen.IO.Tests;

/// <summary>
/// Convolution kernels are Keras' <c>(kh, kw, in, out)</c> in memory and PyTorch's
/// <c>(out, in, kh, kw)</c> in files: element <c>[o, i, y, x]</c> of the file is memory element
/// <c>[y, x, i, o]</c>, and reading the file back restores memory exactly.
/// </summary>
public sealed class ConvolutionKernelLayoutTests
{
    private const int Rows = 2, Columns = 3, Inputs = 2, Outputs = 4;

    private static readonly ParameterTensor Kernel =
        new("conv.weight", Offset: 0, Shape: [Rows, Columns, Inputs, Outputs], FileLayout.ConvolutionKernel, L1: 0f, L2: 0f);

    [Fact]
    public void File_shape_is_pytorchs_out_in_height_width() =>
        Assert.Equal([Outputs, Inputs, Rows, Columns], Kernel.FileShape);

    [Fact]
    public void File_element_o_i_y_x_is_memory_element_y_x_i_o()
    {
        float[] memory = Enumerable.Range(0, Kernel.Length).Select(i => (float)i).ToArray();
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, [Kernel], memory);
        float[] file = ReadBack(stream.ToArray());

        for (int o = 0; o < Outputs; o++)
            for (int i = 0; i < Inputs; i++)
                for (int y = 0; y < Rows; y++)
                    for (int x = 0; x < Columns; x++)
                    {
                        float expected = memory[((y * Columns + x) * Inputs + i) * Outputs + o];
                        Assert.Equal(expected, file[((o * Inputs + i) * Rows + y) * Columns + x]);
                    }
    }

    [Fact]
    public void Reading_the_file_restores_memory()
    {
        float[] memory = Enumerable.Range(0, Kernel.Length).Select(i => i * 0.5f - 3f).ToArray();
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, [Kernel], memory);
        var restored = new float[memory.Length];
        SafeTensors.Read(new MemoryStream(stream.ToArray()), [Kernel], restored);
        Assert.Equal(memory, restored);
    }

    // The data section, as the file stores it: after the 8-byte length and the header.
    private static float[] ReadBack(byte[] bytes)
    {
        ulong headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        int start = 8 + (int)headerLength;
        return Enumerable.Range(0, Kernel.Length)
            .Select(i => System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start + i * sizeof(float))))
            .ToArray();
    }
}

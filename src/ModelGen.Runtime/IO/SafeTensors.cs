using System.Buffers.Binary;

namespace ModelGen.IO;

/// <summary>
/// Reads and writes model weights in the safetensors format, so they travel to and from PyTorch
/// and Hugging Face tools.
/// </summary>
/// <remarks>
/// <para>Layout: an 8-byte little-endian header length <c>N</c>; <c>N</c> bytes of UTF-8 JSON
/// naming each tensor's dtype, shape and byte range, padded with spaces to a multiple of 8; then
/// the raw little-endian float32 data, tensors back to back.</para>
/// <para>Shapes and data are in <see cref="ParameterTensor.FileShape"/> order, so a Dense kernel
/// appears as PyTorch's <c>(out, in)</c> weight. Only F32 files are accepted.</para>
/// </remarks>
public static class SafeTensors
{
    // safetensors' own reader refuses larger headers; a bigger prefix means a corrupt file.
    private const long MaxHeaderLength = 100_000_000;

    /// <summary>
    /// Writes the model's parameters to <paramref name="path"/> atomically: readers see the old
    /// file or the complete new one, never a partial write.
    /// </summary>
    /// <param name="model">The model whose <see cref="ITrainableModel.Weights"/> are written.</param>
    /// <param name="path">The target file; replaced if it exists. Its directory must exist.</param>
    public static void Save(ITrainableModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, stream => Write(stream, model.ParameterTensors, model.Weights));
    }

    /// <summary>
    /// Reads <paramref name="path"/> into the model's parameters. The whole file is checked first,
    /// so on any error the model is left unchanged.
    /// </summary>
    /// <param name="model">The model whose <see cref="ITrainableModel.Weights"/> are replaced.</param>
    /// <param name="path">A safetensors file holding exactly the model's tensors as F32.</param>
    /// <exception cref="WeightsFormatException">The file is malformed or describes other tensors.</exception>
    public static void Load(ITrainableModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Read(stream, model.ParameterTensors, model.Weights);
    }

    /// <summary>Writes <paramref name="tensors"/>, taken from <paramref name="parameters"/>, as a safetensors file.</summary>
    /// <param name="stream">Where the file's bytes go, from its current position.</param>
    /// <param name="tensors">The tensors to write, in this order.</param>
    /// <param name="parameters">The flat buffer the tensors index into.</param>
    /// <exception cref="ArgumentException">A tensor lies outside <paramref name="parameters"/> or is ill-formed.</exception>
    public static void Write(Stream stream, IReadOnlyList<ParameterTensor> tensors, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RequireWellFormed(tensors, parameters.Length);

        byte[] header = SafeTensorsHeader.Build(tensors);
        Span<byte> lengthPrefix = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthPrefix, (ulong)header.Length);
        stream.Write(lengthPrefix);
        stream.Write(header);

        byte[] data = new byte[LargestByteCount(tensors)];
        foreach (ParameterTensor tensor in tensors)
        {
            Span<byte> bytes = data.AsSpan(0, tensor.Length * sizeof(float));
            FileOrder.Encode(tensor, parameters.Slice(tensor.Offset, tensor.Length), bytes);
            stream.Write(bytes);
        }
    }

    /// <summary>
    /// Reads a safetensors file into <paramref name="parameters"/>. Everything is read and checked
    /// before the first float is written, so on any error <paramref name="parameters"/> is unchanged.
    /// </summary>
    /// <param name="stream">The file's bytes, from its current position; a file stream's name appears in errors.</param>
    /// <param name="tensors">The tensors the file must hold, exactly; their order in the file does not matter.</param>
    /// <param name="parameters">The flat buffer the tensors index into.</param>
    /// <exception cref="WeightsFormatException">The bytes are malformed or describe other tensors.</exception>
    /// <exception cref="ArgumentException">A tensor lies outside <paramref name="parameters"/> or is ill-formed.</exception>
    public static void Read(Stream stream, IReadOnlyList<ParameterTensor> tensors, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RequireWellFormed(tensors, parameters.Length);
        string source = stream is FileStream file ? file.Name : "safetensors stream";

        byte[] header = ReadHeader(stream, source);
        StoredTensor[] stored = HeaderValidator.Validate(SafeTensorsHeader.Parse(header, source), tensors, source);
        long dataLength = stored.Length == 0 ? 0 : stored[^1].End;
        if (stream.CanSeek && stream.Length - stream.Position != dataLength)
        {
            throw new WeightsFormatException(
                $"{source}: the data section holds {stream.Length - stream.Position} bytes; the header describes {dataLength}.");
        }

        // Staging keeps the model untouched until the last byte has been read.
        float[] staged = parameters.ToArray();
        byte[] data = new byte[LargestByteCount(tensors)];
        foreach (StoredTensor entry in stored)
        {
            Span<byte> bytes = data.AsSpan(0, entry.Tensor.Length * sizeof(float));
            ReadExactly(stream, bytes, source, $"tensor '{entry.Tensor.Name}'");
            FileOrder.Decode(entry.Tensor, bytes, staged.AsSpan(entry.Tensor.Offset, entry.Tensor.Length));
        }

        staged.CopyTo(parameters);
    }

    private static byte[] ReadHeader(Stream stream, string source)
    {
        Span<byte> lengthPrefix = stackalloc byte[sizeof(ulong)];
        ReadExactly(stream, lengthPrefix, source, "the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthPrefix);
        if (headerLength > MaxHeaderLength)
        {
            throw new WeightsFormatException(
                $"{source}: the header length is {headerLength} bytes; at most {MaxHeaderLength} is plausible, so the file is corrupt.");
        }

        if (stream.CanSeek && (long)headerLength > stream.Length - stream.Position)
        {
            throw new WeightsFormatException(
                $"{source}: the header length is {headerLength} bytes but only {stream.Length - stream.Position} bytes follow it.");
        }

        byte[] header = new byte[headerLength];
        ReadExactly(stream, header, source, "the header");
        return header;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException exception)
        {
            throw new WeightsFormatException($"{source}: the file ends inside {what}; expected {buffer.Length} more bytes.", exception);
        }
    }

    private static void RequireWellFormed(IReadOnlyList<ParameterTensor> tensors, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ParameterTensor tensor in tensors)
        {
            if (tensor.Name == SafeTensorsHeader.MetadataKey || !names.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor name '{tensor.Name}' is reserved or repeated.", nameof(tensors));
            }

            if (tensor.FileLayout != FileLayout.Same && tensor.FileAxes.Length != tensor.Shape.Length)
            {
                throw new ArgumentException(
                    $"Tensor '{tensor.Name}' has {tensor.Shape.Length} dimensions, but its {tensor.FileLayout} file layout needs {tensor.FileAxes.Length}.",
                    nameof(tensors));
            }

            if (tensor.Offset < 0 || (long)tensor.Offset + tensor.Length > parameterCount)
            {
                throw new ArgumentException(
                    $"Tensor '{tensor.Name}' spans [{tensor.Offset}, {(long)tensor.Offset + tensor.Length}) outside the {parameterCount} parameters.",
                    nameof(tensors));
            }
        }
    }

    private static int LargestByteCount(IReadOnlyList<ParameterTensor> tensors) =>
        tensors.Count == 0 ? 0 : checked(tensors.Max(tensor => tensor.Length) * sizeof(float));
}

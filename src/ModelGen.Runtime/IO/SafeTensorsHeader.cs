using System.Buffers;
using System.Text.Json;

namespace ModelGen.IO;

/// <summary>
/// Writes and parses the JSON header of a safetensors file:
/// <c>{"name":{"dtype":"F32","shape":[...],"data_offsets":[begin,end]},...,"__metadata__":{...}}</c>.
/// </summary>
/// <remarks>
/// Uses <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/> rather than serializer
/// contracts, so it needs no reflection and stays trim- and AOT-safe.
/// </remarks>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";
    public const string Float32 = "F32";

    /// <summary>The header, padded with spaces so that the data after it starts 8-byte aligned.</summary>
    public static byte[] Build(IReadOnlyList<ParameterTensor> tensors)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            long begin = 0;
            foreach (ParameterTensor tensor in tensors)
            {
                long end = begin + (long)tensor.Length * sizeof(float);
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", Float32);
                writer.WriteStartArray("shape");
                foreach (int dimension in tensor.FileShape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(begin);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                begin = end;
            }

            // PyTorch's loader reads "format" to tell its own files from other frameworks'.
            writer.WriteStartObject(MetadataKey);
            writer.WriteString("format", "pt");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        int paddedLength = (buffer.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[paddedLength];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    /// <summary>Every tensor entry in the header, keyed by name; the metadata entry is skipped.</summary>
    /// <param name="json">The header bytes.</param>
    /// <param name="source">Names the file in error messages.</param>
    /// <exception cref="WeightsFormatException">The header is not JSON or an entry is malformed.</exception>
    public static Dictionary<string, HeaderEntry> Parse(ReadOnlyMemory<byte> json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new WeightsFormatException($"{source}: the header is not valid JSON ({exception.Message}).", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeightsFormatException(
                    $"{source}: the header must be a JSON object but is {document.RootElement.ValueKind}.");
            }

            var entries = new Dictionary<string, HeaderEntry>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    continue;
                }

                HeaderEntry entry = ParseEntry(property, source);
                if (!entries.TryAdd(entry.Name, entry))
                {
                    throw new WeightsFormatException($"{source}: tensor '{entry.Name}' appears twice in the header.");
                }
            }

            return entries;
        }
    }

    private static HeaderEntry ParseEntry(JsonProperty property, string source)
    {
        string name = property.Name;
        JsonElement value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new WeightsFormatException($"{source}: the header entry for tensor '{name}' is not an object.");
        }

        if (!value.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String)
        {
            throw new WeightsFormatException($"{source}: tensor '{name}' has no \"dtype\" string.");
        }

        long[] shape = ReadNaturals(value, "shape", name, source);
        long[] offsets = ReadNaturals(value, "data_offsets", name, source);
        if (offsets.Length != 2)
        {
            throw new WeightsFormatException(
                $"{source}: tensor '{name}' has {offsets.Length} data offsets; expected 2 (begin, end).");
        }

        return new HeaderEntry(name, dtype.GetString()!, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadNaturals(JsonElement entry, string key, string name, string source)
    {
        if (!entry.TryGetProperty(key, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new WeightsFormatException($"{source}: tensor '{name}' has no \"{key}\" array.");
        }

        long[] values = new long[array.GetArrayLength()];
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
            {
                throw new WeightsFormatException(
                    $"{source}: tensor '{name}' has {key} entry {item.GetRawText()}; expected a non-negative integer.");
            }

            values[index++] = value;
        }

        return values;
    }
}

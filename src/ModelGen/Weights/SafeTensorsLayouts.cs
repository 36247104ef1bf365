using System;
using System.IO;

namespace ModelGen.Generator.Weights;

/// <summary>Reads a safetensors header from a file's bytes or, reading only the header, from disk.</summary>
internal static class SafeTensorsLayouts
{
    /// <exception cref="FormatException">The bytes are not a safetensors file.</exception>
    public static (SafeTensorsLayout Layout, long FileLength) FromBytes(byte[] bytes)
    {
        long headerLength = SafeTensorsHeaderReader.HeaderLength(bytes, bytes.Length);
        byte[] header = new byte[headerLength];
        Array.Copy(bytes, 8, header, 0, headerLength);
        return (SafeTensorsHeaderReader.Parse(header), bytes.Length);
    }

    /// <summary>Reads only the length prefix and the header, so the analyzers stay fast on large files.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="FormatException">The file is not a safetensors file.</exception>
    public static (SafeTensorsLayout Layout, long FileLength) FromFile(string path)
    {
#pragma warning disable RS1035 // File IO: binary additional files reach analyzers only by path.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
#pragma warning restore RS1035
        byte[] prefix = ReadExactly(stream, 8);
        long headerLength = SafeTensorsHeaderReader.HeaderLength(prefix, stream.Length);
        return (SafeTensorsHeaderReader.Parse(ReadExactly(stream, (int)headerLength)), stream.Length);
    }

    private static byte[] ReadExactly(Stream stream, int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int chunk = stream.Read(buffer, read, count - read);
            if (chunk == 0) break;
            read += chunk;
        }
        return read == count ? buffer : throw new FormatException($"the file ends after {read} of {count} header bytes");
    }
}

using System;
using System.IO;
using System.Threading;

namespace ModelGen.Generator.Weights;

/// <summary>
/// The bytes of one <c>.safetensors</c> additional file, compared by content so the incremental
/// pipeline re-embeds only when the file really changed.
/// </summary>
internal sealed class WeightsFile : IEquatable<WeightsFile>
{
    private readonly int _hash;

    private WeightsFile(string path, byte[]? bytes, string? readError)
    {
        (Path, Bytes, ReadError) = (path, bytes, readError);
        _hash = path.GetHashCode() ^ (bytes?.Length ?? -1);
        if (bytes is not null)
            for (int i = 0; i < bytes.Length; i += 4096) _hash = unchecked(_hash * 31 + bytes[i]);
    }

    public string Path { get; }

    /// <summary>The whole file, or null when it could not be read.</summary>
    public byte[]? Bytes { get; }

    /// <summary>Why the file could not be read.</summary>
    public string? ReadError { get; }

    /// <summary>Reads the file at <paramref name="path"/>; a failure is kept as <see cref="ReadError"/>, never thrown.</summary>
    public static WeightsFile Read(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Additional files reach generators as text only, and the compiler reads a binary file
            // as no text at all, so the weights are read from the path the compiler was given.
#pragma warning disable RS1035 // File IO: the one way to see a binary additional file's bytes.
            return new WeightsFile(path, File.ReadAllBytes(path), null);
#pragma warning restore RS1035
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new WeightsFile(path, null, exception.Message);
        }
    }

    public bool Equals(WeightsFile? other) =>
        other is not null && _hash == other._hash && Path == other.Path && ReadError == other.ReadError &&
        (Bytes is null ? other.Bytes is null : other.Bytes is not null && Bytes.AsSpan().SequenceEqual(other.Bytes));

    public override bool Equals(object? obj) => Equals(obj as WeightsFile);

    public override int GetHashCode() => _hash;
}

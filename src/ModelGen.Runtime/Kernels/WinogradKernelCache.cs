using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Kernels;

/// <summary>
/// The calling thread's last few Winograd-transformed kernels, each beside a copy of the kernel it came
/// from: a layer whose kernel is bit for bit what it was at its last call (every <c>Predict</c> after
/// training) reuses its transform instead of computing it again, which for one sample of LeNet's second
/// layer is a third of the layer's time. Entries are found by content, never by identity, because a
/// model's kernel may be written through its parameter spans at any moment; comparing costs a pass over
/// the kernel, a tenth of transforming it, and a changed kernel (every training step) differs early.
/// </summary>
/// <remarks>
/// Four entries, the least recently used replaced; buffers only grow, so once every layer has been seen
/// nothing is allocated. Transforms of more than <see cref="CachedFloats"/> floats are not kept (their
/// layers do so much work per call that the transform is noise) and go to one scratch buffer.
/// </remarks>
[SkipLocalsInit]
internal static unsafe class WinogradKernelCache
{
    private const int Entries = 4;
    private const int CachedFloats = 1 << 20;

    [ThreadStatic] private static Entry[]? t_entries;
    [ThreadStatic] private static float[]? t_scratch;
    [ThreadStatic] private static long t_clock;

    private sealed class Entry
    {
        public float[]? Source, Transformed;
        public int SourceLength = -1, Channels;
        public long LastUse;
    }

    /// <summary>
    /// Where the transform of the <paramref name="sourceLength"/> floats at <paramref name="kernel"/> (a layer
    /// with <paramref name="channels"/> input channels) lives: <paramref name="current"/> says whether it is
    /// already there; if not, the caller writes its <paramref name="transformedLength"/> floats before this
    /// thread's next call.
    /// </summary>
    public static float* Find(float* kernel, int sourceLength, int channels, int transformedLength, out bool current)
    {
        current = false;
        if (transformedLength > CachedFloats) return PinnedScratch.Grow(ref t_scratch, transformedLength);
        var entries = t_entries ??= [new(), new(), new(), new()];
        var source = new ReadOnlySpan<float>(kernel, sourceLength);
        Entry oldest = entries[0];
        foreach (var entry in entries)
        {
            if (entry.SourceLength == sourceLength && entry.Channels == channels && BitwiseEqual(source, entry.Source.AsSpan(0, sourceLength)))
            {
                entry.LastUse = ++t_clock;
                current = true;
                return PinnedScratch.Grow(ref entry.Transformed, transformedLength);
            }
            if (entry.LastUse < oldest.LastUse) oldest = entry;
        }
        source.CopyTo(new Span<float>(PinnedScratch.Grow(ref oldest.Source, sourceLength), sourceLength));
        oldest.SourceLength = sourceLength;
        oldest.Channels = channels;
        oldest.LastUse = ++t_clock;
        return PinnedScratch.Grow(ref oldest.Transformed, transformedLength);
    }

    // Bits, not float equality: -0 and +0 are equal floats but transform to different bits.
    private static bool BitwiseEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.Cast<float, int>(a).SequenceEqual(MemoryMarshal.Cast<float, int>(b));
}

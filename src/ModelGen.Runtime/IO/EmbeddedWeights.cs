using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ModelGen.IO;

/// <summary>Support for the code the generator emits for <see cref="EmbeddedWeightsAttribute"/>.</summary>
public static class EmbeddedWeights
{
    /// <summary>Selects the generated constructor that loads the embedded weights instead of drawing random ones.</summary>
    public readonly struct Marker;

    /// <summary>
    /// Copies one embedded tensor into <paramref name="destination"/>. Each constant of
    /// <paramref name="bits"/> holds two float32 bit patterns, the first in its low half, so on a
    /// little-endian machine the constants' bytes already are the floats, and this is one block copy.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="bits"/> holds fewer than <paramref name="destination"/>'s floats.</exception>
    public static void Copy(ReadOnlySpan<ulong> bits, Span<float> destination)
    {
        int pairs = (destination.Length + 1) / 2;
        if (bits.Length != pairs)
        {
            throw new ArgumentException(
                $"Expected {pairs} constants for {destination.Length} floats but got {bits.Length}.", nameof(bits));
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<ulong, float>(bits)[..destination.Length].CopyTo(destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            ulong pair = bits[i / 2];
            destination[i] = BitConverter.UInt32BitsToSingle((uint)(i % 2 == 0 ? pair : pair >> 32));
        }
    }
}

using System.Numerics;

namespace ModelGen.Kernels;

/// <summary>
/// The random stream behind <see cref="DropoutKernels"/>: a seeded value the model owns and passes by
/// <c>ref</c>, so a run is reproducible from its seed and drawing allocates nothing.
/// </summary>
/// <remarks>
/// Counter-based, so a whole mask is drawn with vector arithmetic: each call takes a fresh 64-bit key
/// from a SplitMix64 sequence (Steele, Lea and Flood 2014), and element i of that call draws
/// <c>fmix32((i * 0x9E3779B9 + keyLow) ^ keyHigh)</c> with MurmurHash3's finalizer, whose avalanche
/// makes neighbouring counters independent for a Bernoulli mask. Within one call the draws are
/// distinct (every step is a bijection of 32 bits), which at 2^32 values is no visible bias.
/// </remarks>
public struct DropoutRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Advances the stream by one call and returns that call's key.</summary>
    internal ulong NextKey()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The uniform 32-bit draw for element <paramref name="index"/> of the call with <paramref name="key"/>.</summary>
    internal static uint Draw(ulong key, uint index) => Mix((index * Weyl + (uint)key) ^ (uint)(key >> 32));

    /// <summary><see cref="Draw(ulong, uint)"/> for the elements <c>indices</c>, a vector at a time.</summary>
    internal static Vector<uint> Draw(ulong key, Vector<uint> indices) =>
        Mix((indices * Weyl + new Vector<uint>((uint)key)) ^ new Vector<uint>((uint)(key >> 32)));

    private const uint Weyl = 0x9E3779B9u;

    private static uint Mix(uint h)
    {
        h = (h ^ (h >> 16)) * 0x85EBCA6Bu;
        h = (h ^ (h >> 13)) * 0xC2B2AE35u;
        return h ^ (h >> 16);
    }

    private static Vector<uint> Mix(Vector<uint> h)
    {
        h = (h ^ Vector.ShiftRightLogical(h, 16)) * 0x85EBCA6Bu;
        h = (h ^ Vector.ShiftRightLogical(h, 13)) * 0xC2B2AE35u;
        return h ^ Vector.ShiftRightLogical(h, 16);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Kernels;

/// <summary>
/// Per-thread scratch for kernels that work on raw pointers: pinned when allocated, so a pointer into it
/// stays valid without a <c>fixed</c> block, grown to the largest request a thread has made, then reused,
/// so steady-state steps allocate nothing.
/// </summary>
internal static unsafe class PinnedScratch
{
    /// <summary>A pointer to at least <paramref name="length"/> floats of <paramref name="buffer"/>, which is replaced by a larger one first if needed.</summary>
    public static float* Grow(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = GC.AllocateArray<float>(length, pinned: true);
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }
}

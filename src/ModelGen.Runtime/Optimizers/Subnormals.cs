using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Optimizers;

/// <summary>
/// Optimizer state that decays towards zero (the moments of a weight whose gradient stays zero, as a dead ReLU
/// unit's) passes through float's subnormal range, where this CPU's arithmetic runs at a fraction of its speed:
/// Adam's second moment, shrinking by β2 = 0.999 a step, stays there for some 16,000 steps. After a long run on
/// the MNIST MLP 12 % of Adam's moments were subnormal and its step took 58 µs instead of 17. Such values are far
/// below anything an update can feel (Adam's ε is 1e-7), so the kernels store them as zero, as the flush-to-zero
/// mode TensorFlow sets on its threads would; .NET offers no way to set that mode.
/// </summary>
internal static class Subnormals
{
    private const float SmallestNormal = 1.17549435E-38f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Flush(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(x), Vector512.Create(SmallestNormal)), x, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Flush(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256.Abs(x), Vector256.Create(SmallestNormal)), x, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Flush(Vector128<float> x) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128.Abs(x), Vector128.Create(SmallestNormal)), x, Vector128<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float x) => MathF.Abs(x) >= SmallestNormal ? x : 0f;
}

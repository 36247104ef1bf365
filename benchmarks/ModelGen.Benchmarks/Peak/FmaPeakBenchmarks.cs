using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace ModelGen.Benchmarks.Peak;

/// <summary>
/// The one-core arithmetic limit of this machine: fused multiply-adds on vectors that never leave
/// registers, twelve independent accumulators so that the FMA units' latency is hidden (four cycles
/// on two pipes needs eight in flight). No real kernel beats this; the comparison report reads its
/// models' GFLOP/s as a percentage of it, multiplied by the thread count.
/// </summary>
[Config(typeof(PeakConfig))]
public class FmaPeakBenchmarks
{
    /// <summary>Loop trips per invocation: 403 MFLOP, a couple of milliseconds at hundreds of GFLOP/s.</summary>
    public const int Iterations = 1 << 20;

    /// <summary>Independent accumulator registers.</summary>
    public const int Accumulators = 12;

    /// <summary>512-bit FMAs, 16 floats each: the limit for code written with <see cref="Vector512{T}"/>.</summary>
    [Benchmark]
    public float Vector512FusedMultiplyAdd()
    {
        Vector512<float> a = Vector512.Create(0.999999f), b = Vector512.Create(1e-6f);
        Vector512<float> s0 = Vector512.Create(1f), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
        Vector512<float> s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
        for (int i = 0; i < Iterations; i++)
        {
            s0 = Vector512.FusedMultiplyAdd(s0, a, b);
            s1 = Vector512.FusedMultiplyAdd(s1, a, b);
            s2 = Vector512.FusedMultiplyAdd(s2, a, b);
            s3 = Vector512.FusedMultiplyAdd(s3, a, b);
            s4 = Vector512.FusedMultiplyAdd(s4, a, b);
            s5 = Vector512.FusedMultiplyAdd(s5, a, b);
            s6 = Vector512.FusedMultiplyAdd(s6, a, b);
            s7 = Vector512.FusedMultiplyAdd(s7, a, b);
            s8 = Vector512.FusedMultiplyAdd(s8, a, b);
            s9 = Vector512.FusedMultiplyAdd(s9, a, b);
            s10 = Vector512.FusedMultiplyAdd(s10, a, b);
            s11 = Vector512.FusedMultiplyAdd(s11, a, b);
        }
        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }

    /// <summary>Flops of one invocation: two per lane per FMA.</summary>
    public static double FlopsPerInvocation => 2.0 * Vector512<float>.Count * Accumulators * Iterations;
}

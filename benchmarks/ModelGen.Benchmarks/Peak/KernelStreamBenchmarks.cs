using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace ModelGen.Benchmarks.Peak;

/// <summary>
/// The floor under one-sample <c>Predict</c> of the MNIST MLP: reading its first layer's 784x128 kernel (392 KB,
/// resident in this core's L2 between calls) once, with nothing else done to it, so each loop is bound by the loads
/// alone. Any <c>Predict</c> that multiplies every weight once must take at least as long as the faster of the two
/// orders measured: rows in order, and the two halves of the rows at once (the order the lone-row kernel reads it in).
/// </summary>
[Config(typeof(ShortJobConfig))]
public unsafe class KernelStreamBenchmarks
{
    /// <summary>Rows (inputs) and columns (units) of the MNIST MLP's first kernel.</summary>
    public const int Rows = 784, Columns = 128;

    private float* _kernel;

    /// <summary>Allocates the kernel, aligned to a cache line, with values that keep the sums finite.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _kernel = (float*)NativeMemory.AlignedAlloc(Rows * Columns * sizeof(float), 64);
        var random = new Random(BenchmarkData.Seed);
        for (int i = 0; i < Rows * Columns; i++) _kernel[i] = random.NextSingle();
    }

    /// <summary>Frees the kernel.</summary>
    [GlobalCleanup]
    public void Cleanup() => NativeMemory.AlignedFree(_kernel);

    /// <summary>Sums the kernel column-wise, one 128-float row per step.</summary>
    [Benchmark]
    public float ReadMnistFirstKernel()
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        float* row = _kernel;
        for (int i = 0; i < Rows; i++, row += Columns)
        {
            s0 += Vector512.Load(row);
            s1 += Vector512.Load(row + 16);
            s2 += Vector512.Load(row + 32);
            s3 += Vector512.Load(row + 48);
            s4 += Vector512.Load(row + 64);
            s5 += Vector512.Load(row + 80);
            s6 += Vector512.Load(row + 96);
            s7 += Vector512.Load(row + 112);
        }
        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7);
    }

    /// <summary>Sums the kernel column-wise, one 128-float row from each half of the rows per step.</summary>
    [Benchmark]
    public float ReadMnistFirstKernelInTwoStreams()
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        float* row = _kernel, other = _kernel + Rows / 2 * Columns;
        for (int i = 0; i < Rows / 2; i++, row += Columns, other += Columns)
        {
            s0 += Vector512.Load(row);
            s1 += Vector512.Load(other);
            s2 += Vector512.Load(row + 16);
            s3 += Vector512.Load(other + 16);
            s4 += Vector512.Load(row + 32);
            s5 += Vector512.Load(other + 32);
            s6 += Vector512.Load(row + 48);
            s7 += Vector512.Load(other + 48);
            s0 += Vector512.Load(row + 64);
            s1 += Vector512.Load(other + 64);
            s2 += Vector512.Load(row + 80);
            s3 += Vector512.Load(other + 80);
            s4 += Vector512.Load(row + 96);
            s5 += Vector512.Load(other + 96);
            s6 += Vector512.Load(row + 112);
            s7 += Vector512.Load(other + 112);
        }
        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7);
    }
}

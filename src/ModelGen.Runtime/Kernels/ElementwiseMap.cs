using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>An element-wise function of two inputs, written once per vector width.</summary>
/// <remarks>Implemented by structs so each use is specialized and inlined by the JIT.</remarks>
internal interface IBinaryMap
{
    Vector512<float> Apply(Vector512<float> x, Vector512<float> y);
    Vector256<float> Apply(Vector256<float> x, Vector256<float> y);
    Vector128<float> Apply(Vector128<float> x, Vector128<float> y);
    float Apply(float x, float y);
}

/// <summary>
/// Runs an <see cref="IBinaryMap"/> over spans with Vector512/256/128 paths and a scalar tail; spans of a
/// training batch's image (a ReLU backward over LeNet's 26x26x32 maps) are split over the compute threads.
/// </summary>
internal static unsafe class ElementwiseMap
{
    // From about 1 MB per span on: below that one thread streams it faster than a second one wakes.
    private const int MinimumSplitLength = 1 << 18;

    public static void Run<TMap>(TMap map, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
        where TMap : unmanaged, IBinaryMap
    {
        VectorMath.CheckSameLength(x.Length, y.Length);
        VectorMath.CheckSameLength(x.Length, result.Length);
        int threads = x.Length >= MinimumSplitLength ? ComputeTeam.Threads(x.Length / MinimumSplitLength + 1) : 1;
        if (threads == 1)
        {
            RunOneThread(map, x, y, result);
            return;
        }
        fixed (float* xs = x, ys = y, rs = result)
        {
            var job = new Job<TMap>(map, xs, ys, rs, x.Length);
            ComputeTeam.Run(&Part<TMap>, &job, threads);
        }
    }

    private readonly struct Job<TMap>(TMap map, float* x, float* y, float* result, int length) where TMap : unmanaged, IBinaryMap
    {
        public readonly TMap Map = map;
        public readonly float* X = x, Y = y, Result = result;
        public readonly int Length = length;
    }

    private static void Part<TMap>(void* arguments, int part, int parts) where TMap : unmanaged, IBinaryMap
    {
        ref Job<TMap> job = ref *(Job<TMap>*)arguments;
        var (start, end) = ComputeTeam.Range(job.Length, part, parts, grain: 16);
        if (start >= end) return;
        int length = end - start;
        RunOneThread(job.Map, new ReadOnlySpan<float>(job.X + start, length), new ReadOnlySpan<float>(job.Y + start, length), new Span<float>(job.Result + start, length));
    }

    private static void RunOneThread<TMap>(TMap map, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
        where TMap : unmanaged, IBinaryMap
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float rs = ref MemoryMarshal.GetReference(result);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + 16 <= n; i += 16)
                map.Apply(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= n; i += 8)
                map.Apply(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
        if (Vector128.IsHardwareAccelerated)
            for (; i + 4 <= n; i += 4)
                map.Apply(Vector128.LoadUnsafe(ref xs, (nuint)i), Vector128.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
        for (; i < n; i++)
            Unsafe.Add(ref rs, i) = map.Apply(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
    }

    /// <summary>The same map, one element at a time: the reference twin for tests.</summary>
    public static void RunScalar<TMap>(TMap map, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
        where TMap : unmanaged, IBinaryMap
    {
        VectorMath.CheckSameLength(x.Length, y.Length);
        VectorMath.CheckSameLength(x.Length, result.Length);
        for (int i = 0; i < x.Length; i++) result[i] = map.Apply(x[i], y[i]);
    }
}

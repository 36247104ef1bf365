using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Kernels;

/// <summary>
/// Span-level building blocks (dot product, scaled accumulation) with explicit
/// Vector512/256/128 paths. Each path runs only when the hardware accelerates it, and the
/// narrower paths plus a scalar loop finish whatever the wider one leaves, so any length is exact.
/// </summary>
public static class VectorMath
{
    /// <summary>Returns <c>sum_i x[i] * y[i]</c>.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
            for (; i + 32 <= n; i += 32)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)(i + 16)), Vector512.LoadUnsafe(ref ys, (nuint)(i + 16)), acc1);
            }
            for (; i + 16 <= n; i += 16)
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i), acc0);
            sum = Vector512.Sum(acc0 + acc1);
        }
        if (Vector256.IsHardwareAccelerated && i + 8 <= n)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
                acc = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i), acc);
            sum += Vector256.Sum(acc);
        }
        if (Vector128.IsHardwareAccelerated && i + 4 <= n)
        {
            Vector128<float> acc = Vector128<float>.Zero;
            for (; i + 4 <= n; i += 4)
                acc = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref xs, (nuint)i), Vector128.LoadUnsafe(ref ys, (nuint)i), acc);
            sum += Vector128.Sum(acc);
        }
        for (; i < n; i++)
            sum = float.MultiplyAddEstimate(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i), sum);
        return sum;
    }

    /// <summary>Accumulates <c>y[i] += alpha * x[i]</c>.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, float alpha, Span<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(alpha);
            for (; i + 16 <= n; i += 16)
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)i), a, Vector512.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; i + 8 <= n; i += 8)
                Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref xs, (nuint)i), a, Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var a = Vector128.Create(alpha);
            for (; i + 4 <= n; i += 4)
                Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref xs, (nuint)i), a, Vector128.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref ys, i) = float.MultiplyAddEstimate(Unsafe.Add(ref xs, i), alpha, Unsafe.Add(ref ys, i));
    }

    /// <summary>Scalar twin of <see cref="Dot"/>, the reference for tests.</summary>
    public static float DotReference(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (double)x[i] * y[i];
        return (float)sum;
    }

    /// <summary>Scalar twin of <see cref="MultiplyAdd"/>, the reference for tests.</summary>
    public static void MultiplyAddReference(ReadOnlySpan<float> x, float alpha, Span<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        for (int i = 0; i < x.Length; i++) y[i] += alpha * x[i];
    }

    /// <summary>
    /// <c>e^x</c> per lane in single precision, within 2 ulp: <c>x = n ln 2 + r</c> with <c>|r| &lt;= ln 2 / 2</c>
    /// (<c>ln 2</c> in two parts, so <c>r</c> is exact), <c>e^r</c> by Cephes' degree-6 polynomial, times
    /// <c>2^n</c> by <c>vscalefps</c>. <see cref="Vector512.Exp(Vector512{float})"/> computes in double, about three
    /// times the instructions, and was most of a softmax row's time. Below -104 the result is 0, above 89 infinity
    /// (the clamp also maps the infinities there); NaN stays NaN.
    /// </summary>
    internal static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-104f)), Vector512.Create(89f));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(1.44269504088896341f));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        Vector512<float> p = Vector512.Create(1.9875691500e-4f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        Vector512<float> expR = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        return Avx512F.Scale(expR, n);
    }

    /// <summary>
    /// <c>sums[j] += sum_r matrix[r, j]</c> over a row-major <c>(rows, columns)</c> matrix (a bias gradient; AVX-512):
    /// 16 columns at a time sum down the rows in two registers, even and odd rows, and are stored once. Adding
    /// each row into the sums (one call per sample, or a load and store of the sums per pixel) kept the sums in
    /// memory and cost the tutorial classifier's step about a microsecond.
    /// </summary>
    internal static unsafe void AddColumnSums(float* matrix, nint rows, int columns, float* sums)
    {
        Vector512<float> zero = Vector512<float>.Zero;
        nint stride = columns;
        for (int j = 0; j < columns; j += Vector512<float>.Count)
        {
            Vector512<float> mask = FirstLanes(columns - j), even = zero, odd = zero;
            float* row = matrix + j;
            nint r = 0;
            for (; r + 2 <= rows; r += 2, row += 2 * stride)
            {
                even += Avx512F.MaskLoad(row, mask, zero);
                odd += Avx512F.MaskLoad(row + stride, mask, zero);
            }
            if (r < rows) even += Avx512F.MaskLoad(row, mask, zero);
            Avx512F.MaskStore(sums + j, mask, Avx512F.MaskLoad(sums + j, mask, zero) + (even + odd));
        }
    }

    /// <summary>A mask with lanes <c>[0, count)</c> set: the valid lanes of a row's last, partial vector.</summary>
    internal static Vector512<float> FirstLanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    internal static void CheckSameLength(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string name = "")
    {
        if (expected != actual)
            throw new ArgumentException($"Expected a span of length {expected}, got {actual}.", name);
    }
}

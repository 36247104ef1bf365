using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Kernels;

/// <summary>
/// Softmax of one row with its log-sum-exp, shared by the softmax activation and the cross-entropy
/// losses so that both round the same way. On AVX-512 a row runs in 16-lane vectors with a masked
/// tail, so a classifier's 10 classes take one vector and no scalar <c>exp</c>: scalar exponentials
/// were a tenth of an MNIST MLP's training step.
/// </summary>
internal static unsafe class SoftmaxRow
{
    /// <summary>
    /// Writes <c>scale * softmax(z)</c> into <paramref name="probabilities"/> unless it is empty, and
    /// returns the row maximum and <c>sum_i exp(z_i - max)</c>, the same whether or not
    /// probabilities are written.
    /// </summary>
    public static ShiftedSum Apply(ReadOnlySpan<float> z, Span<float> probabilities, float scale)
    {
        if (z.IsEmpty) return new ShiftedSum(float.NegativeInfinity, 0f);
        return Avx512F.IsSupported && Vector512.IsHardwareAccelerated
            ? ApplyAvx512(z, probabilities, scale)
            : ApplyPortable(z, probabilities, scale);
    }

    private static ShiftedSum ApplyAvx512(ReadOnlySpan<float> z, Span<float> probabilities, float scale)
    {
        int length = z.Length, whole = length & ~15, tail = length - whole;
        Vector512<float> tailMask = VectorMath.FirstLanes(tail);
        Vector512<float> negativeInfinity = Vector512.Create(float.NegativeInfinity);
        bool store = !probabilities.IsEmpty;
        fixed (float* source = z, destination = probabilities)
        {
            // Masked-off lanes read as -inf, whose exponential is 0: the tail needs no scalar loop.
            Vector512<float> maxima = tail == 0 ? negativeInfinity : Avx512F.MaskLoad(source + whole, tailMask, negativeInfinity);
            for (int i = 0; i < whole; i += 16) maxima = Vector512.MaxNative(maxima, Vector512.Load(source + i));
            Vector512<float> max = Vector512.Create(MaxAcross(maxima));

            // In place (z and probabilities one span) is safe: each exponential overwrites the input it came from.
            Vector512<float> sums = Vector512<float>.Zero;
            for (int i = 0; i < whole; i += 16)
            {
                Vector512<float> exponentials = VectorMath.Exp(Vector512.Load(source + i) - max);
                sums += exponentials;
                if (store) exponentials.Store(destination + i);
            }
            Vector512<float> tailExponentials = Vector512<float>.Zero;
            if (tail != 0)
            {
                tailExponentials = VectorMath.Exp(Avx512F.MaskLoad(source + whole, tailMask, negativeInfinity) - max);
                sums += tailExponentials;
            }
            float sum = Vector512.Sum(sums);
            if (store)
            {
                Vector512<float> factor = Vector512.Create(scale / sum);
                for (int i = 0; i < whole; i += 16) (Vector512.Load(destination + i) * factor).Store(destination + i);
                if (tail != 0) Avx512F.MaskStore(destination + whole, tailMask, tailExponentials * factor);
            }
            return new ShiftedSum(max.ToScalar(), sum);
        }
    }

    private static float MaxAcross(Vector512<float> lanes)
    {
        Vector256<float> half = Vector256.MaxNative(lanes.GetLower(), lanes.GetUpper());
        Vector128<float> quarter = Vector128.MaxNative(half.GetLower(), half.GetUpper());
        quarter = Vector128.MaxNative(quarter, Vector128.Shuffle(quarter, Vector128.Create(2, 3, 0, 1)));
        quarter = Vector128.MaxNative(quarter, Vector128.Shuffle(quarter, Vector128.Create(1, 0, 3, 2)));
        return quarter.ToScalar();
    }

    /// <summary>
    /// The path for machines without AVX-512 (internal so tests can check it on any machine):
    /// <see cref="TensorPrimitives"/> over stack chunks, summed the same way whether or not the
    /// probabilities are kept.
    /// </summary>
    internal static ShiftedSum ApplyPortable(ReadOnlySpan<float> z, Span<float> probabilities, float scale)
    {
        const int Chunk = 256;
        Span<float> exponentials = stackalloc float[Chunk];
        float max = TensorPrimitives.Max(z);
        float sum = 0f;
        for (int start = 0; start < z.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, z.Length - start);
            Span<float> chunk = exponentials[..count];
            TensorPrimitives.Subtract(z.Slice(start, count), max, chunk);
            TensorPrimitives.Exp(chunk, chunk);
            sum += TensorPrimitives.Sum(chunk);
            if (!probabilities.IsEmpty) chunk.CopyTo(probabilities.Slice(start, count));
        }
        if (!probabilities.IsEmpty) TensorPrimitives.Multiply(probabilities, scale / sum, probabilities);
        return new ShiftedSum(max, sum);
    }
}

/// <summary>A row's maximum and the sum of its exponentials shifted by it.</summary>
internal readonly record struct ShiftedSum(float Max, float Sum)
{
    /// <summary><c>log(sum_i exp(z_i))</c>, which the shift keeps from overflowing.</summary>
    public double LogSumExp => Max + Math.Log(Sum);
}

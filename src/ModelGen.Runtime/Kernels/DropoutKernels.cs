using System.Numerics;
using System.Numerics.Tensors;

namespace ModelGen.Kernels;

/// <summary>
/// Inverted dropout in training: each value is kept with probability <c>1 - rate</c> and scaled by
/// <c>1 / (1 - rate)</c>, so every output's expectation equals its input and inference needs no
/// rescaling. The mask keeps that factor or 0 per element for the backward.
/// </summary>
public static class DropoutKernels
{
    /// <summary>
    /// <c>mask[i] = 1 / (1 - rate)</c> with probability <c>1 - rate</c>, else 0, drawn from
    /// <paramref name="random"/>; <c>output = input * mask</c>. Rate 0 copies the input and fills the
    /// mask with ones without drawing. The output may be the input's span.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<float> mask, float rate, ref DropoutRandom random)
    {
        CheckShapes(input, output, mask, rate);
        if (rate == 0f)
        {
            input.CopyTo(output);
            mask.Fill(1f);
            return;
        }
        ulong key = random.NextKey();
        uint threshold = KeepThreshold(rate);
        float scale = 1f / (1f - rate);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var thresholds = new Vector<uint>(threshold);
            var kept = new Vector<float>(scale);
            for (; i + Vector<uint>.Count <= mask.Length; i += Vector<uint>.Count)
            {
                Vector<uint> draws = DropoutRandom.Draw(key, new Vector<uint>((uint)i) + Vector<uint>.Indices);
                Vector.ConditionalSelect(Vector.AsVectorInt32(Vector.LessThan(draws, thresholds)), kept, Vector<float>.Zero).CopyTo(mask.Slice(i));
            }
        }
        for (; i < mask.Length; i++) mask[i] = DropoutRandom.Draw(key, (uint)i) < threshold ? scale : 0f;
        TensorPrimitives.Multiply(input, mask, output);
    }

    /// <summary><c>dInput = dOutput * mask</c>, with the mask from <see cref="Forward"/>. May run in place.</summary>
    public static void Backward(ReadOnlySpan<float> dOutput, ReadOnlySpan<float> mask, Span<float> dInput)
    {
        Guard.Length(mask, dOutput.Length, nameof(mask));
        Guard.Length(dInput, dOutput.Length, nameof(dInput));
        TensorPrimitives.Multiply(dOutput, mask, dInput);
    }

    /// <summary>Scalar twin of <see cref="Forward"/>, the reference for tests: the same draws, one at a time.</summary>
    public static void ForwardReference(ReadOnlySpan<float> input, Span<float> output, Span<float> mask, float rate, ref DropoutRandom random)
    {
        CheckShapes(input, output, mask, rate);
        if (rate == 0f)
        {
            input.CopyTo(output);
            mask.Fill(1f);
            return;
        }
        ulong key = random.NextKey();
        uint threshold = KeepThreshold(rate);
        float scale = 1f / (1f - rate);
        for (int i = 0; i < input.Length; i++)
        {
            mask[i] = DropoutRandom.Draw(key, (uint)i) < threshold ? scale : 0f;
            output[i] = input[i] * mask[i];
        }
    }

    /// <summary>A draw below this keeps its element: <c>(1 - rate) * 2^32</c>, rounded.</summary>
    private static uint KeepThreshold(float rate) => (uint)Math.Min(Math.Round((1.0 - rate) * 4294967296.0), uint.MaxValue);

    private static void CheckShapes(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> mask, float rate)
    {
        Guard.Length(output, input.Length, nameof(output));
        Guard.Length(mask, input.Length, nameof(mask));
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
    }
}

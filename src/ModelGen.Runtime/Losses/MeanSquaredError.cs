using ModelGen.Kernels;

namespace ModelGen.Losses;

/// <summary>Mean squared error, averaged over every output of every sample (Keras' reduction).</summary>
public static class MeanSquaredError
{
    /// <summary>
    /// Returns <c>mean((output - target)²)</c> and, unless <paramref name="dOutputs"/> is empty,
    /// writes <c>2 (output - target) / N</c> into it.
    /// </summary>
    public static float Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs)
    {
        VectorMath.CheckSameLength(outputs.Length, targets.Length);
        if (!dOutputs.IsEmpty) VectorMath.CheckSameLength(outputs.Length, dOutputs.Length);
        double sum = 0;
        float gradientScale = 2f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            float difference = outputs[i] - targets[i];
            sum += (double)difference * difference;
            if (!dOutputs.IsEmpty) dOutputs[i] = gradientScale * difference;
        }
        return (float)(sum / outputs.Length);
    }
}

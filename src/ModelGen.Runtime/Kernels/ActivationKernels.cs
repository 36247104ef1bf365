using System.Numerics.Tensors;

namespace ModelGen.Kernels;

/// <summary>
/// Forward and backward of every activation. Forward maps pre-activations <c>z</c> to outputs
/// <c>a</c> (the two may be the same span). Backward turns <c>dA = dLoss/da</c> into
/// <c>dZ = dLoss/dz</c> and may run in place (<c>dZ</c> the same span as <c>dA</c>).
/// </summary>
/// <remarks>
/// Transcendentals go through <see cref="TensorPrimitives"/>, which carries its own
/// Vector512/256/128 paths and tails; the derivative masks are written out here.
/// </remarks>
public static class ActivationKernels
{
    /// <summary><c>a = max(z, 0)</c>.</summary>
    public static void Relu(ReadOnlySpan<float> z, Span<float> a)
    {
        // TensorPrimitives accepts a longer destination and names no lengths for a shorter one.
        VectorMath.CheckSameLength(z.Length, a.Length);
        TensorPrimitives.Max(z, 0f, a);
    }

    /// <summary><c>dZ = dA</c> where <c>a &gt; 0</c>, else 0.</summary>
    public static void ReluBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> dA, Span<float> dZ) =>
        LeakyReluBackward(a, dA, dZ, 0f);

    /// <summary><c>a = z</c> for z &gt; 0, else <c>slope * z</c>.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> z, Span<float> a, float slope) =>
        ElementwiseMap.Run(new LeakyReluMap(slope), z, z, a);

    /// <summary>
    /// <c>dZ = dA</c> where the activation's output is positive, else <c>slope * dA</c>. Works from
    /// outputs because a non-negative slope keeps their sign equal to the input's.
    /// </summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> dA, Span<float> dZ, float slope) =>
        ElementwiseMap.Run(new LeakyReluGradientMap(slope), a, dA, dZ);

    /// <summary><c>a = 1 / (1 + exp(-z))</c>.</summary>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a)
    {
        VectorMath.CheckSameLength(z.Length, a.Length);
        TensorPrimitives.Sigmoid(z, a);
    }

    /// <summary><c>dZ = dA * a * (1 - a)</c>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> dA, Span<float> dZ) =>
        ElementwiseMap.Run(new SigmoidGradientMap(), a, dA, dZ);

    /// <summary><c>a = tanh(z)</c>.</summary>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a)
    {
        VectorMath.CheckSameLength(z.Length, a.Length);
        TensorPrimitives.Tanh(z, a);
    }

    /// <summary><c>dZ = dA * (1 - a²)</c>.</summary>
    public static void TanhBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> dA, Span<float> dZ) =>
        ElementwiseMap.Run(new TanhGradientMap(), a, dA, dZ);

    /// <summary>Softmax over each row of <paramref name="width"/> features, shifted by the row maximum for stability.</summary>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> a, int width)
    {
        VectorMath.CheckSameLength(z.Length, a.Length);
        Guard.BatchSize(z, width, nameof(z));
        for (int start = 0; start < z.Length; start += width)
            SoftmaxRow.Apply(z.Slice(start, width), a.Slice(start, width), scale: 1f);
    }

    /// <summary>Per row: <c>dZ = a * (dA - sum(dA * a))</c>, the softmax Jacobian applied to <c>dA</c>.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> a, ReadOnlySpan<float> dA, Span<float> dZ, int width)
    {
        VectorMath.CheckSameLength(a.Length, dA.Length);
        VectorMath.CheckSameLength(a.Length, dZ.Length);
        Guard.BatchSize(a, width, nameof(a));
        for (int start = 0; start < a.Length; start += width)
        {
            ReadOnlySpan<float> outRow = a.Slice(start, width);
            ReadOnlySpan<float> gradRow = dA.Slice(start, width);
            float projection = VectorMath.Dot(gradRow, outRow);
            Span<float> result = dZ.Slice(start, width);
            TensorPrimitives.Subtract(gradRow, projection, result);
            TensorPrimitives.Multiply(result, outRow, result);
        }
    }

    /// <summary>Exact GELU, <c>a = z * Φ(z)</c>.</summary>
    public static void Gelu(ReadOnlySpan<float> z, Span<float> a)
    {
        VectorMath.CheckSameLength(z.Length, a.Length);
        for (int i = 0; i < z.Length; i++) a[i] = z[i] * NormalCdf(z[i]);
    }

    /// <summary><c>dZ = dA * (Φ(z) + z φ(z))</c>. Needs the pre-activation <paramref name="z"/>.</summary>
    public static void GeluBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> dA, Span<float> dZ)
    {
        VectorMath.CheckSameLength(z.Length, dA.Length);
        VectorMath.CheckSameLength(z.Length, dZ.Length);
        const float InverseSqrtTwoPi = 0.3989422804014327f;
        for (int i = 0; i < z.Length; i++)
        {
            float x = z[i];
            dZ[i] = dA[i] * (NormalCdf(x) + x * InverseSqrtTwoPi * MathF.Exp(-0.5f * x * x));
        }
    }

    /// <summary>Standard normal CDF via <see cref="Erf"/>.</summary>
    public static float NormalCdf(float x) => 0.5f * (1f + Erf(x * 0.70710678118654752f));

    /// <summary>
    /// Error function, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7, the float32
    /// resolution near 1), evaluated in double so the approximation is the only error.
    /// </summary>
    public static float Erf(float x)
    {
        double t = 1.0 / (1.0 + 0.3275911 * Math.Abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double magnitude = 1.0 - poly * Math.Exp(-(double)x * x);
        return (float)(x < 0 ? -magnitude : magnitude);
    }
}

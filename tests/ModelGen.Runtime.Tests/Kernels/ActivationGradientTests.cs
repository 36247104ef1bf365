using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// Every activation's float kernels against a double-precision reference: forward values directly,
/// backward against central differences of <c>L = sum(g * f(z))</c> for a random upstream gradient g.
/// </summary>
public sealed class ActivationGradientTests
{
    /// <summary>
    /// Float32 outputs of magnitude at most 3 carry a few ulps (under 1e-6) of rounding, plus the
    /// runtime's erf approximation (1.5e-7 absolute, times |z|/2 in GELU); a wrong formula is off by
    /// far more.
    /// </summary>
    private const double ForwardTolerance = 1e-6;

    /// <summary>
    /// The backward kernels work in float32 from float32 outputs. Their relative rounding (~1e-7) is
    /// amplified where they cancel, most in tanh's <c>1 - a²</c> at |z| = 3, where it reaches about
    /// 1e-5 of a gradient that is itself ~0.01·|g|; hence 1e-5 absolute plus 1e-4 relative. The
    /// central difference is good to ~1e-10 (see <see cref="CentralDifference"/>). A wrong derivative
    /// misses by a sizeable fraction of |g| ≤ 1.
    /// </summary>
    private const double BackwardAbsoluteTolerance = 1e-5, BackwardRelativeTolerance = 1e-4;

    public static TheoryData<string> Names => ActivationCase.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_double_reference(string name)
    {
        ActivationCase activation = ActivationCase.All[name];
        float[] z = activation.SampleInputs(new Random(1));
        float[] a = RandomFloats.Filled(z.Length, float.NaN);

        activation.Forward(z, a);

        double[] expected = activation.Reference(CentralDifference.Widen(z));
        NumericAssert.Close(expected, a, ForwardTolerance, 0, $"{name} forward");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_matches_central_differences(string name)
    {
        ActivationCase activation = ActivationCase.All[name];
        var random = new Random(2);
        float[] z = activation.SampleInputs(random);
        float[] g = RandomFloats.Uniform(random, z.Length);
        float[] a = new float[z.Length];
        activation.Forward(z, a);
        float[] dZ = RandomFloats.Filled(z.Length, float.NaN);

        activation.Backward(activation.BackwardTakesPreActivation ? z : a, g, dZ);

        double[] expected = CentralDifference.Gradient(
            x =>
            {
                double[] f = activation.Reference(x);
                double loss = 0;
                for (int i = 0; i < f.Length; i++) loss += g[i] * f[i];
                return loss;
            },
            z);
        NumericAssert.Close(expected, dZ, BackwardAbsoluteTolerance, BackwardRelativeTolerance, $"{name} backward");
    }

    /// <summary>Generated code runs forward into its own input's buffer and backward over dA; both must give the same answer in place.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Kernels_give_the_same_result_in_place(string name)
    {
        ActivationCase activation = ActivationCase.All[name];
        var random = new Random(3);
        float[] z = activation.SampleInputs(random);
        float[] g = RandomFloats.Uniform(random, z.Length);
        float[] a = new float[z.Length];
        float[] dZ = new float[z.Length];
        activation.Forward(z, a);
        activation.Backward(activation.BackwardTakesPreActivation ? z : a, g, dZ);

        float[] inPlace = (float[])z.Clone();
        activation.Forward(inPlace, inPlace);
        float[] gradientInPlace = (float[])g.Clone();
        activation.Backward(activation.BackwardTakesPreActivation ? z : a, gradientInPlace, gradientInPlace);

        Assert.Equal(a, inPlace);
        Assert.Equal(dZ, gradientInPlace);
    }
}

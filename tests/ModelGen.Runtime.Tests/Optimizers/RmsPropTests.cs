namespace ModelGen.Optimizers.Tests;

/// <summary>
/// Two RMSprop steps worked by hand from p0 = [1, -2, 0.5], g1 = [0.5, -1, 2],
/// g2 = [0.1, 0.2, -0.3], lr = 0.01, rho = 0.9, epsilon = 1e-7.
/// </summary>
public sealed class RmsPropTests
{
    // v1 = 0.1 g1² = [0.025, 0.1, 0.4]; s1 = lr g1 / (sqrt(v1) + eps), which is about 0.01 * sign(g1) / sqrt(0.1).
    private static readonly double[] FirstStep =
    [
        0.01 * 0.5 / (Math.Sqrt(0.025) + 1e-7),
        0.01 * -1.0 / (Math.Sqrt(0.1) + 1e-7),
        0.01 * 2.0 / (Math.Sqrt(0.4) + 1e-7),
    ];

    // v2 = 0.9 v1 + 0.1 g2² = [0.0225 + 0.001, 0.09 + 0.004, 0.36 + 0.009]; s2 = lr g2 / (sqrt(v2) + eps).
    private static readonly double[] SecondStep =
    [
        0.01 * 0.1 / (Math.Sqrt(0.0235) + 1e-7),
        0.01 * 0.2 / (Math.Sqrt(0.094) + 1e-7),
        0.01 * -0.3 / (Math.Sqrt(0.369) + 1e-7),
    ];

    [Fact]
    public void Without_momentum_divides_by_the_root_mean_square()
    {
        var optimizer = new RmsProp(learningRate: 0.01f, rho: 0.9f, epsilon: 1e-7f);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // p1 = p0 - s1, about [0.968377, -1.968377, 0.468377]
        OptimizerAssert.Close([1 - FirstStep[0], -2 - FirstStep[1], 0.5 - FirstStep[2]], p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // p2 = p1 - s2, about [0.961854, -1.974901, 0.473316]
        OptimizerAssert.Close(
            [1 - FirstStep[0] - SecondStep[0], -2 - FirstStep[1] - SecondStep[1], 0.5 - FirstStep[2] - SecondStep[2]], p);
    }

    [Fact]
    public void Momentum_accumulates_scaled_steps()
    {
        var optimizer = new RmsProp(learningRate: 0.01f, rho: 0.9f, epsilon: 1e-7f, momentum: 0.5f);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // m1 = 0.5 * 0 + s1; p1 = p0 - m1
        OptimizerAssert.Close([1 - FirstStep[0], -2 - FirstStep[1], 0.5 - FirstStep[2]], p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // m2 = 0.5 m1 + s2; p2 = p1 - m2, about [0.946043, -1.959089, 0.457504]
        double[] m2 = [0.5 * FirstStep[0] + SecondStep[0], 0.5 * FirstStep[1] + SecondStep[1], 0.5 * FirstStep[2] + SecondStep[2]];
        OptimizerAssert.Close(
            [1 - FirstStep[0] - m2[0], -2 - FirstStep[1] - m2[1], 0.5 - FirstStep[2] - m2[2]], p);
    }
}

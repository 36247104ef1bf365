namespace ModelGen.Optimizers.Tests;

/// <summary>Two SGD steps worked by hand from p0 = [1, -2, 0.5], g1 = [0.5, -1, 2], g2 = [0.1, 0.2, -0.3], lr = 0.1.</summary>
public sealed class SgdTests
{
    [Fact]
    public void Plain_steps_against_the_gradient()
    {
        var optimizer = new Sgd(learningRate: 0.1f);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // p1 = p0 - 0.1 g1 = [1 - 0.05, -2 + 0.1, 0.5 - 0.2]
        OptimizerAssert.Close([0.95, -1.9, 0.3], p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // p2 = p1 - 0.1 g2 = [0.95 - 0.01, -1.9 - 0.02, 0.3 + 0.03]
        OptimizerAssert.Close([0.94, -1.92, 0.33], p);
    }

    [Fact]
    public void Momentum_accumulates_raw_gradients()
    {
        var optimizer = new Sgd(learningRate: 0.1f, momentum: 0.9f);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // b1 = 0.9 * 0 + g1 = [0.5, -1, 2]; p1 = p0 - 0.1 b1
        OptimizerAssert.Close([0.95, -1.9, 0.3], p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // b2 = 0.9 b1 + g2 = [0.45 + 0.1, -0.9 + 0.2, 1.8 - 0.3] = [0.55, -0.7, 1.5]
        // p2 = p1 - 0.1 b2 = [0.95 - 0.055, -1.9 + 0.07, 0.3 - 0.15]
        OptimizerAssert.Close([0.895, -1.83, 0.15], p);
    }

    [Fact]
    public void Nesterov_looks_ahead_along_the_velocity()
    {
        var optimizer = new Sgd(learningRate: 0.1f, momentum: 0.9f, nesterov: true);
        float[] p = [1f, -2f, 0.5f];

        optimizer.Step(p, [0.5f, -1f, 2f]);
        // b1 = g1; d1 = g1 + 0.9 b1 = 1.9 g1 = [0.95, -1.9, 3.8]
        // p1 = p0 - 0.1 d1 = [1 - 0.095, -2 + 0.19, 0.5 - 0.38]
        OptimizerAssert.Close([0.905, -1.81, 0.12], p);

        optimizer.Step(p, [0.1f, 0.2f, -0.3f]);
        // b2 = 0.9 b1 + g2 = [0.55, -0.7, 1.5]
        // d2 = g2 + 0.9 b2 = [0.1 + 0.495, 0.2 - 0.63, -0.3 + 1.35] = [0.595, -0.43, 1.05]
        // p2 = p1 - 0.1 d2 = [0.905 - 0.0595, -1.81 + 0.043, 0.12 - 0.105]
        OptimizerAssert.Close([0.8455, -1.767, 0.015], p);
    }

    [Fact]
    public void Nesterov_without_momentum_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Sgd(momentum: 0f, nesterov: true));
}

using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Losses.Tests;

public sealed class MeanSquaredErrorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    public void Value_and_gradient_match_double_reference(int length)
    {
        var random = new Random(length);
        float[] outputs = RandomFloats.Uniform(random, length, -2, 2);
        float[] targets = RandomFloats.Uniform(random, length, -2, 2);

        LossCheck.ValueAndGradient(
            (values, gradient) => MeanSquaredError.Compute(values, targets, gradient),
            x => LossReference.MeanSquaredError(x, CentralDifference.Widen(targets)),
            outputs,
            $"MSE of length {length}");
    }

    [Fact]
    public void Worked_example()
    {
        float[] gradient = new float[2];

        // Differences [1, -3]: loss (1 + 9) / 2 = 5, gradient 2 [1, -3] / 2 = [1, -3].
        float loss = MeanSquaredError.Compute([2f, -1f], [1f, 2f], gradient);

        Assert.Equal(5f, loss);
        Assert.Equal([1f, -3f], gradient);
    }
}

namespace ModelGen.Optimizers.Tests;

/// <summary>What every optimizer promises through the <see cref="Optimizer"/> base: allocation, validation, convergence.</summary>
public sealed class OptimizerContractTests
{
    public static TheoryData<string> Names =>
        ["Sgd", "Sgd momentum", "Sgd nesterov", "RmsProp", "RmsProp momentum", "Adam", "AdamW"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_after_the_first_allocate_nothing(string name)
    {
        Optimizer optimizer = Create(name);
        float[] parameters = new float[1001];
        float[] gradients = Enumerable.Range(0, parameters.Length).Select(i => MathF.Sin(i)).ToArray();
        optimizer.Step(parameters, gradients);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 10; step++)
        {
            optimizer.Step(parameters, gradients);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>
    /// Minimizes <c>f(p) = ½ Σ aᵢ (pᵢ - cᵢ)²</c> with curvatures spread over a factor of 10, so the
    /// adaptive rules have something to adapt to. Constant-rate Adam and RMSprop hover within
    /// about one learning rate of the minimum, hence the tolerance.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Minimizes_a_quadratic(string name)
    {
        Optimizer optimizer = Create(name);
        float[] curvature = [1f, 2f, 5f, 10f, 0.5f, 3f, 7f];
        float[] minimum = [3f, -2f, 0.5f, 1f, -1f, 2.5f, -0.25f];
        float[] parameters = new float[curvature.Length];
        float[] gradients = new float[curvature.Length];

        for (int step = 0; step < 3000; step++)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                gradients[i] = curvature[i] * (parameters[i] - minimum[i]);
            }

            optimizer.Step(parameters, gradients);
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.True(Math.Abs(parameters[i] - minimum[i]) < 0.02f, $"{name}: p[{i}] = {parameters[i]}, minimum {minimum[i]}.");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Length_mismatch_names_both_lengths(string name)
    {
        Optimizer optimizer = Create(name);

        var exception = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[7], new float[9]));

        Assert.Contains("7", exception.Message);
        Assert.Contains("9", exception.Message);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Fact]
    public void State_sized_for_one_buffer_refuses_another_until_reset()
    {
        var optimizer = new Adam();
        optimizer.Step(new float[4], new float[4]);

        var exception = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[5], new float[5]));
        Assert.Contains("4", exception.Message);
        Assert.Contains("5", exception.Message);

        optimizer.Reset();
        optimizer.Step(new float[5], new float[5]);
        Assert.Equal(1, optimizer.Iterations);
    }

    [Fact]
    public void Reset_forgets_momentum()
    {
        var optimizer = new Sgd(learningRate: 1f, momentum: 0.9f);
        float[] p = [0f];
        optimizer.Step(p, [1f]);
        optimizer.Reset();

        optimizer.Step(p, [1f]);

        // Without the reset the velocity would be 0.9 * 1 + 1 = 1.9 and p would reach -2.9.
        Assert.Equal(-2f, p[0]);
        Assert.Equal(1, optimizer.Iterations);
    }

    /// <summary>
    /// A split training step updates each thread's range of the buffer apart: three steps in ranges of 48, 16 and 37
    /// (a tail of odd length) must leave the parameters bit-equal to three whole steps.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_in_ranges_equal_whole_steps(string name)
    {
        Optimizer whole = Create(name), ranged = Create(name);
        float[] expected = Enumerable.Range(0, 101).Select(i => MathF.Cos(i)).ToArray();
        float[] actual = (float[])expected.Clone();
        Assert.True(ranged.UpdatesInRanges);

        for (int step = 1; step <= 3; step++)
        {
            float[] gradients = Enumerable.Range(0, expected.Length).Select(i => MathF.Sin(i * step)).ToArray();
            whole.Step(expected, gradients);
            ranged.BeginRangedStep(actual.Length);
            // Out of order, as threads finish.
            ranged.StepRange(actual, gradients, 64, 37);
            ranged.StepRange(actual, gradients, 0, 48);
            ranged.StepRange(actual, gradients, 48, 16);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(3, ranged.Iterations);
    }

    [Fact]
    public void A_rule_defined_outside_the_library_updates_whole_buffers_only() =>
        Assert.False(new HalvingOptimizer().UpdatesInRanges);

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Learning_rate_must_be_finite_and_not_negative(float learningRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(learningRate));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd().LearningRate = learningRate);
    }

    [Fact]
    public void Decay_rates_must_lie_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(rho: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(momentum: 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -1f));
    }

    private static Optimizer Create(string name) => name switch
    {
        "Sgd" => new Sgd(learningRate: 0.05f),
        "Sgd momentum" => new Sgd(learningRate: 0.01f, momentum: 0.9f),
        "Sgd nesterov" => new Sgd(learningRate: 0.01f, momentum: 0.9f, nesterov: true),
        "RmsProp" => new RmsProp(learningRate: 0.005f),
        "RmsProp momentum" => new RmsProp(learningRate: 0.005f, momentum: 0.5f),
        "Adam" => new Adam(learningRate: 0.005f),
        "AdamW" => new AdamW(learningRate: 0.005f, weightDecay: 0.001f),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown optimizer."),
    };

    // A custom rule, as users write them: it sees only Update.
    private sealed class HalvingOptimizer() : Optimizer(learningRate: 0.5f)
    {
        protected override int StateBuffersPerParameter => 0;

        protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state)
        {
            for (int i = 0; i < parameters.Length; i++) parameters[i] -= LearningRate * gradients[i];
        }
    }
}

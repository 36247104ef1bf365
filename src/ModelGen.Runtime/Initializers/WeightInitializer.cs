namespace ModelGen.Initializers;

/// <summary>Kernel initializers. Each draws from the given seeded generator, so a seed fixes the weights.</summary>
public static class WeightInitializer
{
    /// <summary>Fills <paramref name="kernel"/> by <paramref name="initializer"/>.</summary>
    public static void Initialize(Initializer initializer, Span<float> kernel, int fanIn, int fanOut, Random random)
    {
        switch (initializer)
        {
            case Initializer.GlorotUniform: GlorotUniform(kernel, fanIn, fanOut, random); break;
            case Initializer.HeNormal: HeNormal(kernel, fanIn, random); break;
            default: throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer.");
        }
    }

    /// <summary>Uniform in <c>[-limit, limit]</c>, <c>limit = sqrt(6 / (fanIn + fanOut))</c>.</summary>
    public static void GlorotUniform(Span<float> kernel, int fanIn, int fanOut, Random random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < kernel.Length; i++)
            kernel[i] = (float)((2 * random.NextDouble() - 1) * limit);
    }

    /// <summary>
    /// Normal with standard deviation <c>sqrt(2 / fanIn)</c>, redrawn beyond two deviations
    /// (Keras' HeNormal truncates; the truncation's variance loss is corrected as Keras does).
    /// </summary>
    public static void HeNormal(Span<float> kernel, int fanIn, Random random)
    {
        // 0.8796... is the standard deviation of a unit normal truncated to [-2, 2].
        double deviation = Math.Sqrt(2.0 / fanIn) / 0.87962566103423978;
        for (int i = 0; i < kernel.Length; i++)
        {
            double value;
            do value = StandardNormal(random);
            while (Math.Abs(value) > 2);
            kernel[i] = (float)(value * deviation);
        }
    }

    /// <summary>A unit normal draw (Box-Muller).</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

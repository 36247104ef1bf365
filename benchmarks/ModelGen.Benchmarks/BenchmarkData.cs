namespace ModelGen.Benchmarks;

/// <summary>Seeded random inputs and targets, so every run measures the same numbers.</summary>
internal static class BenchmarkData
{
    public const int Seed = 42;

    /// <summary>Features uniform in [0, 1), like scaled pixels.</summary>
    public static float[] Features(Random random, int samples, int inputLength)
    {
        var features = new float[samples * inputLength];
        for (int i = 0; i < features.Length; i++) features[i] = random.NextSingle();
        return features;
    }

    /// <summary>Class indices in [0, classes), stored as floats the way the losses read them.</summary>
    public static float[] Labels(Random random, int samples, int classes)
    {
        var labels = new float[samples];
        for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(classes);
        return labels;
    }
}

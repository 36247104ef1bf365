namespace ModelGen.Runtime.Tests.Numerics;

/// <summary>Seeded test data, so a failure reproduces exactly.</summary>
internal static class RandomFloats
{
    public static float[] Uniform(Random random, int length, double min = -1, double max = 1)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(min + (max - min) * random.NextDouble());
        return values;
    }

    /// <summary>
    /// Uniform in <c>[min, max]</c> but never within <paramref name="gap"/> of zero, so a central
    /// difference with a much smaller step cannot straddle a kink at zero.
    /// </summary>
    public static float[] UniformAwayFromZero(Random random, int length, double min, double max, double gap)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            do values[i] = (float)(min + (max - min) * random.NextDouble());
            while (Math.Abs(values[i]) < gap);
        }
        return values;
    }

    /// <summary>Class indices in <c>[0, classes)</c>, stored as floats the way sparse labels are.</summary>
    public static float[] Labels(Random random, int count, int classes)
    {
        float[] labels = new float[count];
        for (int i = 0; i < count; i++) labels[i] = random.Next(classes);
        return labels;
    }

    /// <summary>One-hot rows of <paramref name="classes"/>, one per label.</summary>
    public static float[] OneHot(ReadOnlySpan<float> labels, int classes)
    {
        float[] rows = new float[labels.Length * classes];
        for (int b = 0; b < labels.Length; b++) rows[b * classes + (int)labels[b]] = 1f;
        return rows;
    }

    /// <summary>Rows of positive weights summing to one, like label-smoothed targets.</summary>
    public static float[] Distributions(Random random, int rows, int classes)
    {
        float[] values = Uniform(random, rows * classes, 0.05, 1);
        for (int start = 0; start < values.Length; start += classes)
        {
            Span<float> row = values.AsSpan(start, classes);
            float sum = 0;
            foreach (float value in row) sum += value;
            for (int i = 0; i < classes; i++) row[i] /= sum;
        }
        return values;
    }

    public static float[] Filled(int length, float value)
    {
        float[] values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}

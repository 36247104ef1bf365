namespace ModelGen.Data;

/// <summary>
/// The one random source behind every data helper, so that a seed alone fixes a data set.
/// <see cref="Random(int)"/> with a seed uses the legacy algorithm whose sequence .NET keeps
/// stable across versions; normal variates come from the Box-Muller transform.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private readonly Random _random = new(seed);
    private double? _spareNormal;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextUniform() => _random.NextDouble();

    /// <summary>Uniform integer in [0, exclusiveMax).</summary>
    public int NextInt(int exclusiveMax) => _random.Next(exclusiveMax);

    /// <summary>Standard normal N(0, 1).</summary>
    public double NextStandardNormal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }

        // 1 - U lies in (0, 1], so the logarithm stays finite.
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble()));
        double angle = 2.0 * Math.PI * _random.NextDouble();
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>A uniformly random ordering of 0 .. count - 1.</summary>
    public int[] Permutation(int count)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        _random.Shuffle(order);
        return order;
    }
}

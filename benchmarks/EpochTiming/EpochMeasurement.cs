namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>One row of the table: a model trained by one framework on a number of threads.</summary>
/// <param name="Model">The model's name in <see cref="ModelCatalog"/>.</param>
/// <param name="Framework">Who trained it.</param>
/// <param name="Threads">Threads the framework computed on.</param>
/// <param name="EpochSeconds">Wall-clock seconds of each timed epoch.</param>
/// <param name="TestAccuracy">Accuracy on the 10,000 test images after the timed epochs.</param>
internal sealed record EpochMeasurement(string Model, Framework Framework, int Threads, IReadOnlyList<double> EpochSeconds, double TestAccuracy)
{
    /// <summary>Mean wall-clock seconds per timed epoch.</summary>
    public double MeanEpochSeconds => EpochSeconds.Average();
}

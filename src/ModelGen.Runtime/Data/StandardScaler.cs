namespace ModelGen.Data;

/// <summary>
/// Standardises features to zero mean and unit variance, as scikit-learn's <c>StandardScaler</c>:
/// z = (x - mean) / scale, where scale is the population standard deviation of the fitted data.
/// Statistics are computed in double so that large or badly centred columns keep their precision.
/// </summary>
/// <example>
/// <code>
/// var scaler = new StandardScaler();
/// float[,] xTrainScaled = scaler.FitTransform(xTrain);
/// float[,] xTestScaled = scaler.Transform(xTest);   // uses the training statistics
/// </code>
/// </example>
public sealed class StandardScaler
{
    // The gap between 1 and the next double (numpy's finfo(float64).eps); double.Epsilon is the smallest subnormal instead.
    private const double MachineEpsilon = 2.220446049250313e-16;

    private bool _isFitted;

    /// <summary>Per-feature mean of the fitted data; empty before <see cref="Fit"/>.</summary>
    public double[] Mean { get; private set; } = [];

    /// <summary>
    /// Per-feature population standard deviation of the fitted data, or 1 for a constant feature
    /// so that it maps to 0 rather than dividing by zero; empty before <see cref="Fit"/>.
    /// </summary>
    public double[] Scale { get; private set; } = [];

    /// <summary>Learns each feature's mean and scale from <paramref name="x"/>.</summary>
    /// <param name="x">Samples in rows, features in columns; at least one row.</param>
    /// <returns>This scaler, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has no rows.</exception>
    public StandardScaler Fit(float[,] x)
    {
        int nSamples = x.GetLength(0);
        int nFeatures = x.GetLength(1);
        if (nSamples == 0)
        {
            throw new ArgumentException("Cannot fit a StandardScaler to 0 samples.", nameof(x));
        }

        double[] mean = new double[nFeatures];
        double[] scale = new double[nFeatures];
        for (int feature = 0; feature < nFeatures; feature++)
        {
            double sum = 0.0;
            for (int sample = 0; sample < nSamples; sample++)
            {
                sum += x[sample, feature];
            }

            mean[feature] = sum / nSamples;

            // Two passes: summing squared deviations avoids the cancellation of E[x^2] - E[x]^2.
            double squaredDeviations = 0.0;
            for (int sample = 0; sample < nSamples; sample++)
            {
                double deviation = x[sample, feature] - mean[feature];
                squaredDeviations += deviation * deviation;
            }

            double variance = squaredDeviations / nSamples;
            scale[feature] = IsConstant(variance, mean[feature], nSamples) ? 1.0 : Math.Sqrt(variance);
        }

        Mean = mean;
        Scale = scale;
        _isFitted = true;
        return this;
    }

    /// <summary>Returns a standardised copy of <paramref name="x"/>; the input is left unchanged.</summary>
    /// <param name="x">Samples with as many features as the fitted data.</param>
    /// <returns>(x - Mean) / Scale, per feature.</returns>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> has a different number of features.</exception>
    public float[,] Transform(float[,] x)
    {
        if (!_isFitted)
        {
            throw new InvalidOperationException("Call Fit before Transform.");
        }

        int nSamples = x.GetLength(0);
        int nFeatures = x.GetLength(1);
        if (nFeatures != Mean.Length)
        {
            throw new ArgumentException($"x has {nFeatures} features but the scaler was fitted to {Mean.Length}.", nameof(x));
        }

        float[,] scaled = new float[nSamples, nFeatures];
        for (int sample = 0; sample < nSamples; sample++)
        {
            for (int feature = 0; feature < nFeatures; feature++)
            {
                scaled[sample, feature] = (float)((x[sample, feature] - Mean[feature]) / Scale[feature]);
            }
        }

        return scaled;
    }

    /// <summary>Fits to <paramref name="x"/> and returns its standardised copy.</summary>
    /// <param name="x">Samples in rows, features in columns; at least one row.</param>
    /// <returns>(x - Mean) / Scale, per feature.</returns>
    public float[,] FitTransform(float[,] x) => Fit(x).Transform(x);

    /// <summary>
    /// scikit-learn's <c>_is_constant_feature</c>: a variance within the rounding error of its own
    /// computation counts as zero, so a constant column is not blown up by dividing by roundoff.
    /// </summary>
    private static bool IsConstant(double variance, double mean, int nSamples)
    {
        double upperBound = nSamples * MachineEpsilon * variance + Math.Pow(nSamples * mean * MachineEpsilon, 2);
        return variance <= upperBound;
    }
}

namespace ModelGen.Kernels.Tests;

/// <summary>Batch normalization in double straight from its definition, per channel of <c>(rows, channels)</c>.</summary>
internal static class DirectBatchNorm
{
    /// <summary>Training mode: normalizes with the batch's mean and biased variance, so the gradient flows through both.</summary>
    public static double[] Training(double[] input, double[] gamma, double[] beta, int rows, int channels, double epsilon)
    {
        double[] output = new double[input.Length];
        for (int c = 0; c < channels; c++)
        {
            var (mean, variance) = Moments(input, rows, channels, c);
            for (int r = 0; r < rows; r++)
                output[r * channels + c] = gamma[c] * (input[r * channels + c] - mean) / Math.Sqrt(variance + epsilon) + beta[c];
        }
        return output;
    }

    public static double[] Inference(double[] input, double[] gamma, double[] beta, float[] movingMean, float[] movingVariance, int channels, double epsilon)
    {
        double[] output = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            int c = i % channels;
            output[i] = gamma[c] * (input[i] - movingMean[c]) / Math.Sqrt(movingVariance[c] + epsilon) + beta[c];
        }
        return output;
    }

    /// <summary>Mean and variance divided by rows (biased), as Keras' <c>ops.moments</c>.</summary>
    public static (double Mean, double Variance) Moments(double[] input, int rows, int channels, int c)
    {
        double mean = 0, variance = 0;
        for (int r = 0; r < rows; r++) mean += input[r * channels + c];
        mean /= rows;
        for (int r = 0; r < rows; r++) variance += (input[r * channels + c] - mean) * (input[r * channels + c] - mean);
        return (mean, variance / rows);
    }
}

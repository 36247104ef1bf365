using System.Numerics.Tensors;

namespace ModelGen.Kernels;

/// <summary>
/// Batch normalization over the last axis of <c>(rows, channels)</c>, where rows is
/// <c>batch * height * width</c> for an NHWC image and <c>batch</c> for a vector:
/// <c>output = gamma * (input - mean) / sqrt(variance + epsilon) + beta</c> per channel.
/// </summary>
/// <remarks>
/// As Keras (<c>ops.moments</c>), the batch variance is the biased one (divided by rows) both for
/// normalizing and for the moving average; PyTorch instead moves its running variance by the
/// unbiased estimate. Work runs over blocks of up to <see cref="Block"/> channels so that the
/// per-channel coefficients fit a stack buffer and every row is a span operation.
/// </remarks>
public static class BatchNormKernels
{
    private const int Block = 256;

    /// <summary>
    /// Normalizes with the batch's own mean and biased variance, saves the mean and
    /// <c>1 / sqrt(variance + epsilon)</c> for <see cref="Backward"/>, and moves the moving statistics
    /// with Keras' rule <c>moving = moving * momentum + batchStatistic * (1 - momentum)</c>.
    /// </summary>
    public static void TrainingForward(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> output,
        Span<float> movingMean, Span<float> movingVariance, Span<float> savedMean, Span<float> savedInverseStd,
        int rows, int channels, float epsilon, float momentum)
    {
        CheckShapes(input, gamma, beta, output, rows, channels);
        Guard.Length(movingMean, channels, nameof(movingMean));
        Guard.Length(movingVariance, channels, nameof(movingVariance));
        Guard.Length(savedMean, channels, nameof(savedMean));
        Guard.Length(savedInverseStd, channels, nameof(savedInverseStd));
        Span<float> buffers = stackalloc float[2 * Block];
        for (int start = 0; start < channels; start += Block)
        {
            int width = Math.Min(Block, channels - start);
            Span<float> mean = savedMean.Slice(start, width), variance = savedInverseStd.Slice(start, width);
            Span<float> deviation = buffers.Slice(0, width), scale = buffers.Slice(Block, width);
            mean.Clear();
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(mean, input.Slice(r * channels + start, width), mean);
            TensorPrimitives.Multiply(mean, 1f / rows, mean);
            // Two passes: summing squares of the centered values avoids E[x²] - E[x]²'s cancellation.
            variance.Clear();
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.Subtract(input.Slice(r * channels + start, width), mean, deviation);
                TensorPrimitives.MultiplyAdd(deviation, deviation, variance, variance);
            }
            TensorPrimitives.Multiply(variance, 1f / rows, variance);
            MoveAverage(movingMean.Slice(start, width), mean, momentum);
            MoveAverage(movingVariance.Slice(start, width), variance, momentum);
            for (int c = 0; c < width; c++) variance[c] = 1f / MathF.Sqrt(variance[c] + epsilon);
            NormalizeBlock(input, gamma, beta, mean, variance, scale, output, rows, channels, start);
        }
    }

    /// <summary>Normalizes with the moving statistics: <c>output = gamma * (input - movingMean) / sqrt(movingVariance + epsilon) + beta</c>.</summary>
    public static void InferenceForward(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, Span<float> output, int rows, int channels, float epsilon)
    {
        CheckShapes(input, gamma, beta, output, rows, channels);
        Guard.Length(movingMean, channels, nameof(movingMean));
        Guard.Length(movingVariance, channels, nameof(movingVariance));
        Span<float> buffers = stackalloc float[2 * Block];
        for (int start = 0; start < channels; start += Block)
        {
            int width = Math.Min(Block, channels - start);
            Span<float> inverseStd = buffers.Slice(0, width), scale = buffers.Slice(Block, width);
            for (int c = 0; c < width; c++) inverseStd[c] = 1f / MathF.Sqrt(movingVariance[start + c] + epsilon);
            NormalizeBlock(input, gamma, beta, movingMean.Slice(start, width), inverseStd, scale, output, rows, channels, start);
        }
    }

    /// <summary>
    /// Backward of <see cref="TrainingForward"/>, through the batch statistics, given the same input
    /// and the saved mean and inverse standard deviation. With <c>x̂ = (input - mean) * inverseStd</c>:
    /// accumulates <c>dBeta += sum_rows dOutput</c> and <c>dGamma += sum_rows dOutput * x̂</c>, and
    /// overwrites <c>dInput = gamma * inverseStd * (dOutput - mean_rows(dOutput) - x̂ * mean_rows(dOutput * x̂))</c>.
    /// An empty <paramref name="dInput"/> skips the input gradient; it may be the same span as <paramref name="dOutput"/>.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> dOutput,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, Span<float> dGamma, Span<float> dBeta, Span<float> dInput,
        int rows, int channels)
    {
        Guard.Length(input, rows * channels, nameof(input));
        Guard.Length(gamma, channels, nameof(gamma));
        Guard.Length(dOutput, rows * channels, nameof(dOutput));
        Guard.Length(savedMean, channels, nameof(savedMean));
        Guard.Length(savedInverseStd, channels, nameof(savedInverseStd));
        Guard.Length(dGamma, channels, nameof(dGamma));
        Guard.Length(dBeta, channels, nameof(dBeta));
        if (!dInput.IsEmpty) Guard.Length(dInput, rows * channels, nameof(dInput));
        Span<float> buffers = stackalloc float[4 * Block];
        for (int start = 0; start < channels; start += Block)
        {
            int width = Math.Min(Block, channels - start);
            Span<float> sumDy = buffers.Slice(0, width), sumDyNormalized = buffers.Slice(Block, width);
            Span<float> normalized = buffers.Slice(2 * Block, width), scale = buffers.Slice(3 * Block, width);
            ReadOnlySpan<float> mean = savedMean.Slice(start, width), inverseStd = savedInverseStd.Slice(start, width);
            sumDy.Clear();
            sumDyNormalized.Clear();
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> dy = dOutput.Slice(r * channels + start, width);
                NormalizeRow(input.Slice(r * channels + start, width), mean, inverseStd, normalized);
                TensorPrimitives.Add(sumDy, dy, sumDy);
                TensorPrimitives.MultiplyAdd(dy, normalized, sumDyNormalized, sumDyNormalized);
            }
            TensorPrimitives.Add(dBeta.Slice(start, width), sumDy, dBeta.Slice(start, width));
            TensorPrimitives.Add(dGamma.Slice(start, width), sumDyNormalized, dGamma.Slice(start, width));
            if (dInput.IsEmpty) continue;

            // dInput = scale * dy + (x̂ * -scale * mean(dy x̂) - scale * mean(dy)), folded into per-channel coefficients.
            TensorPrimitives.Multiply(gamma.Slice(start, width), inverseStd, scale);
            TensorPrimitives.Multiply(sumDy, scale, sumDy);
            TensorPrimitives.Multiply(sumDy, -1f / rows, sumDy);
            TensorPrimitives.Multiply(sumDyNormalized, scale, sumDyNormalized);
            TensorPrimitives.Multiply(sumDyNormalized, -1f / rows, sumDyNormalized);
            for (int r = 0; r < rows; r++)
            {
                NormalizeRow(input.Slice(r * channels + start, width), mean, inverseStd, normalized);
                TensorPrimitives.MultiplyAdd(normalized, sumDyNormalized, sumDy, normalized);
                // Reads dy before writing the same row of dInput, so the two may share a buffer.
                TensorPrimitives.MultiplyAdd(dOutput.Slice(r * channels + start, width), scale, normalized, dInput.Slice(r * channels + start, width));
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="InferenceForward"/>, where the moving statistics are constants:
    /// <c>dInput = dOutput * gamma / sqrt(movingVariance + epsilon)</c>; <c>dGamma += sum(dOutput * normalized)</c>,
    /// <c>dBeta += sum(dOutput)</c>. This is the gradient a frozen or inference-mode layer passes on
    /// (a GAN's discriminator seen from the generator's loss). <paramref name="dInput"/> may be empty.
    /// </summary>
    public static void InferenceBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> dOutput,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, Span<float> dGamma, Span<float> dBeta, Span<float> dInput,
        int rows, int channels, float epsilon)
    {
        Guard.Length(input, rows * channels, nameof(input));
        Guard.Length(dOutput, rows * channels, nameof(dOutput));
        Guard.Length(gamma, channels, nameof(gamma));
        Guard.Length(movingMean, channels, nameof(movingMean));
        Guard.Length(movingVariance, channels, nameof(movingVariance));
        Guard.Length(dGamma, channels, nameof(dGamma));
        Guard.Length(dBeta, channels, nameof(dBeta));
        if (!dInput.IsEmpty) Guard.Length(dInput, rows * channels, nameof(dInput));
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < channels; c++)
            {
                int i = r * channels + c;
                float inverseStd = 1f / MathF.Sqrt(movingVariance[c] + epsilon), dy = dOutput[i];
                dGamma[c] += dy * (input[i] - movingMean[c]) * inverseStd;
                dBeta[c] += dy;
                if (!dInput.IsEmpty) dInput[i] = dy * gamma[c] * inverseStd;
            }
    }

    /// <summary>Scalar twin of <see cref="TrainingForward"/> in double, the reference for tests.</summary>
    public static void TrainingForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> output,
        Span<float> movingMean, Span<float> movingVariance, Span<float> savedMean, Span<float> savedInverseStd,
        int rows, int channels, float epsilon, float momentum)
    {
        CheckShapes(input, gamma, beta, output, rows, channels);
        for (int c = 0; c < channels; c++)
        {
            double mean = 0, variance = 0;
            for (int r = 0; r < rows; r++) mean += input[r * channels + c];
            mean /= rows;
            for (int r = 0; r < rows; r++) variance += Math.Pow(input[r * channels + c] - mean, 2);
            variance /= rows;
            double inverseStd = 1 / Math.Sqrt(variance + epsilon);
            for (int r = 0; r < rows; r++)
                output[r * channels + c] = (float)(gamma[c] * (input[r * channels + c] - mean) * inverseStd + beta[c]);
            movingMean[c] = (float)(movingMean[c] * (double)momentum + mean * (1 - (double)momentum));
            movingVariance[c] = (float)(movingVariance[c] * (double)momentum + variance * (1 - (double)momentum));
            savedMean[c] = (float)mean;
            savedInverseStd[c] = (float)inverseStd;
        }
    }

    /// <summary>Scalar twin of <see cref="InferenceForward"/> in double, the reference for tests.</summary>
    public static void InferenceForwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, Span<float> output, int rows, int channels, float epsilon)
    {
        CheckShapes(input, gamma, beta, output, rows, channels);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < channels; c++)
                output[r * channels + c] = (float)(gamma[c] * (input[r * channels + c] - (double)movingMean[c]) / Math.Sqrt(movingVariance[c] + (double)epsilon) + beta[c]);
    }

    /// <summary>Scalar twin of <see cref="Backward"/> in double, the reference for tests.</summary>
    public static void BackwardReference(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> dOutput,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, Span<float> dGamma, Span<float> dBeta, Span<float> dInput,
        int rows, int channels)
    {
        for (int c = 0; c < channels; c++)
        {
            double sumDy = 0, sumDyNormalized = 0;
            for (int r = 0; r < rows; r++)
            {
                double dy = dOutput[r * channels + c];
                sumDy += dy;
                sumDyNormalized += dy * (input[r * channels + c] - (double)savedMean[c]) * savedInverseStd[c];
            }
            dBeta[c] += (float)sumDy;
            dGamma[c] += (float)sumDyNormalized;
            if (dInput.IsEmpty) continue;
            for (int r = 0; r < rows; r++)
            {
                double normalized = (input[r * channels + c] - (double)savedMean[c]) * savedInverseStd[c];
                dInput[r * channels + c] = (float)((double)gamma[c] * savedInverseStd[c] * (dOutput[r * channels + c] - sumDy / rows - normalized * sumDyNormalized / rows));
            }
        }
    }

    /// <summary>
    /// <c>output = gamma * (input - mean) * inverseStd + beta</c> for the block of channels from
    /// <paramref name="start"/>, given the block's <paramref name="mean"/> and <paramref name="inverseStd"/>.
    /// Subtracting the mean first, rather than folding it into an offset, keeps the precision when
    /// the mean is large next to the standard deviation.
    /// </summary>
    private static void NormalizeBlock(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd, Span<float> scale, Span<float> output, int rows, int channels, int start)
    {
        int width = mean.Length;
        ReadOnlySpan<float> offset = beta.Slice(start, width);
        TensorPrimitives.Multiply(gamma.Slice(start, width), inverseStd, scale);
        for (int r = 0; r < rows; r++)
        {
            Span<float> y = output.Slice(r * channels + start, width);
            TensorPrimitives.Subtract(input.Slice(r * channels + start, width), mean, y);
            TensorPrimitives.MultiplyAdd(y, scale, offset, y);
        }
    }

    /// <summary>Keras' <c>moving = moving * momentum + batchStatistic * (1 - momentum)</c>.</summary>
    private static void MoveAverage(Span<float> moving, ReadOnlySpan<float> batchStatistic, float momentum)
    {
        TensorPrimitives.Multiply(moving, momentum, moving);
        TensorPrimitives.MultiplyAdd(batchStatistic, 1f - momentum, moving, moving);
    }

    /// <summary><c>normalized = (input - mean) * inverseStd</c> for one row of a block.</summary>
    private static void NormalizeRow(ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd, Span<float> normalized)
    {
        TensorPrimitives.Subtract(input, mean, normalized);
        TensorPrimitives.Multiply(normalized, inverseStd, normalized);
    }

    private static void CheckShapes(ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> output, int rows, int channels)
    {
        Guard.Length(input, rows * channels, nameof(input));
        Guard.Length(gamma, channels, nameof(gamma));
        Guard.Length(beta, channels, nameof(beta));
        Guard.Length(output, rows * channels, nameof(output));
    }
}

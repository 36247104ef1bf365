using System.Numerics.Tensors;

namespace ModelGen.Kernels;

public static partial class Pooling2DKernels
{
    /// <summary><c>output[n, c] = mean over (y, x) of input[n, y, x, c]</c>: <c>(batch, height, width, channels)</c> to <c>(batch, channels)</c>.</summary>
    public static void GlobalAverageForward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int channels)
    {
        int positions = height * width;
        Guard.Length(input, batch * positions * channels, nameof(input));
        Guard.Length(output, batch * channels, nameof(output));
        for (int n = 0; n < batch; n++)
        {
            Span<float> mean = output.Slice(n * channels, channels);
            mean.Clear();
            for (int p = 0; p < positions; p++)
                TensorPrimitives.Add(mean, input.Slice((n * positions + p) * channels, channels), mean);
            TensorPrimitives.Multiply(mean, 1f / positions, mean);
        }
    }

    /// <summary>Backward of <see cref="GlobalAverageForward"/>: overwrites <c>dInput[n, y, x, c] = dOutput[n, c] / (height * width)</c>.</summary>
    public static void GlobalAverageBackward(ReadOnlySpan<float> dOutput, Span<float> dInput, int batch, int height, int width, int channels)
    {
        int positions = height * width;
        Guard.Length(dOutput, batch * channels, nameof(dOutput));
        Guard.Length(dInput, batch * positions * channels, nameof(dInput));
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> gradient = dOutput.Slice(n * channels, channels);
            for (int p = 0; p < positions; p++)
                TensorPrimitives.Multiply(gradient, 1f / positions, dInput.Slice((n * positions + p) * channels, channels));
        }
    }

    /// <summary>Scalar twin of <see cref="GlobalAverageForward"/>, the reference for tests.</summary>
    public static void GlobalAverageForwardReference(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int channels)
    {
        int positions = height * width;
        Guard.Length(input, batch * positions * channels, nameof(input));
        Guard.Length(output, batch * channels, nameof(output));
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                for (int p = 0; p < positions; p++) sum += input[(n * positions + p) * channels + c];
                output[n * channels + c] = (float)(sum / positions);
            }
    }

    /// <summary>Scalar twin of <see cref="GlobalAverageBackward"/>, the reference for tests.</summary>
    public static void GlobalAverageBackwardReference(ReadOnlySpan<float> dOutput, Span<float> dInput, int batch, int height, int width, int channels)
    {
        int positions = height * width;
        Guard.Length(dOutput, batch * channels, nameof(dOutput));
        Guard.Length(dInput, batch * positions * channels, nameof(dInput));
        for (int n = 0; n < batch; n++)
            for (int p = 0; p < positions; p++)
                for (int c = 0; c < channels; c++)
                    dInput[(n * positions + p) * channels + c] = dOutput[n * channels + c] / positions;
    }
}

using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// Kernels split over two threads still match the scalar twins: the convolution strategies (the
/// batch for the direct one, with each thread's dKernel partial sums added in; product rows for
/// im2col) and max pooling (the batch). The batches are large enough to pass the kernels'
/// thresholds for using a second thread.
/// </summary>
public sealed class TwoThreadKernelTests
{
    private const double RelativeTolerance = 1e-5;

    [Theory]
    [InlineData("direct (LeNet conv1)", 28, 28, 1, 32)]
    [InlineData("Winograd forward, im2col backward (LeNet conv2)", 13, 13, 32, 64)]
    [InlineData("Winograd forward of two samples, 18 tiles split 12 and 6", 13, 13, 32, 64, 2)]
    [InlineData("Winograd forward of one sample (Predict), 9 tiles split 6 and 3", 13, 13, 32, 64, 1)]
    [InlineData("implicit forward, im2col backward (24 channels)", 13, 13, 24, 64)]
    [InlineData("im2col (24 channels, 48 filters)", 13, 13, 24, 48)]
    [InlineData("implicit forward of one sample, tiles split", 13, 13, 24, 64, 1)]
    public void Two_threads_match_the_reference(string name, int height, int width, int channels, int filters, int batch = 8)
    {
        var g = Conv2DGeometry.Create(height, width, channels, filters, 3, 1, 1, Padding.Valid);
        var random = new Random(height * 100 + channels);
        float[] input = RandomFloats.Uniform(random, g.InputLength(batch)), kernel = RandomFloats.Uniform(random, g.KernelLength);
        float[] bias = RandomFloats.Uniform(random, filters), dOutput = RandomFloats.Uniform(random, g.OutputLength(batch));
        float[] output = new float[g.OutputLength(batch)], dKernel = new float[g.KernelLength], dBias = new float[filters], dInput = new float[g.InputLength(batch)];
        float[] patches = new float[g.WorkspaceLength(batch)], dPatches = new float[g.WorkspaceLength(batch)];

        using (new ComputeThreadsScope(2))
        {
            Conv2DKernels.Forward(input, kernel, bias, output, patches, batch, g);
            Conv2DKernels.Backward(input, kernel, dOutput, dKernel, dBias, dInput, patches, dPatches, batch, g);
        }

        float[] expected = new float[output.Length], magnitude = new float[output.Length];
        Conv2DKernels.ForwardReference(input, kernel, bias, expected, batch, g);
        Conv2DKernels.ForwardReference(FloatArrays.Absolute(input), FloatArrays.Absolute(kernel), FloatArrays.Absolute(bias), magnitude, batch, g);
        NumericAssert.CloseToScale(expected, output, magnitude, RelativeTolerance, $"{name} forward");

        float[] expectedDKernel = new float[dKernel.Length], expectedDBias = new float[filters], expectedDInput = new float[dInput.Length];
        float[] scaleDKernel = new float[dKernel.Length], scaleDBias = new float[filters], scaleDInput = new float[dInput.Length];
        Conv2DKernels.BackwardReference(input, kernel, dOutput, expectedDKernel, expectedDBias, expectedDInput, batch, g);
        Conv2DKernels.BackwardReference(FloatArrays.Absolute(input), FloatArrays.Absolute(kernel), FloatArrays.Absolute(dOutput), scaleDKernel, scaleDBias, scaleDInput, batch, g);
        NumericAssert.CloseToScale(expectedDKernel, dKernel, scaleDKernel, RelativeTolerance, $"{name} dKernel");
        NumericAssert.CloseToScale(expectedDBias, dBias, scaleDBias, RelativeTolerance, $"{name} dBias");
        NumericAssert.CloseToScale(expectedDInput, dInput, scaleDInput, RelativeTolerance, $"{name} dInput");
    }

    [Fact]
    public void Max_pooling_over_two_threads_matches_the_reference()
    {
        const int batch = 16;
        var g = Pooling2DGeometry.Create(26, 26, 32, 2, 2, Padding.Valid);
        var random = new Random(11);
        float[] input = RandomFloats.Uniform(random, g.InputLength(batch)), dOutput = RandomFloats.Uniform(random, g.OutputLength(batch));
        float[] output = new float[g.OutputLength(batch)], dInput = new float[g.InputLength(batch)];
        int[] argmax = new int[g.OutputLength(batch)];

        using (new ComputeThreadsScope(2))
        {
            Pooling2DKernels.MaxForward(input, output, argmax, batch, g);
            Pooling2DKernels.MaxBackward(dOutput, argmax, dInput, batch, g);
        }

        float[] expected = new float[output.Length];
        int[] expectedArgmax = new int[argmax.Length];
        Pooling2DKernels.MaxForwardReference(input, expected, expectedArgmax, batch, g);
        Assert.Equal(expected, output);
        Assert.Equal(expectedArgmax, argmax);
        float[] expectedDInput = new float[dInput.Length];
        // argmax counts from each sample's first cell.
        for (int i = 0; i < dOutput.Length; i++) expectedDInput[i / g.OutputLength(1) * g.InputLength(1) + expectedArgmax[i]] += dOutput[i];
        Assert.Equal(expectedDInput, dInput);
    }
}

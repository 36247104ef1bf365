namespace ModelGen.Kernels.Tests;

/// <summary>
/// One small Dense layer worked by hand, pinning the layout (row-major input (batch, inputs),
/// kernel (inputs, units)) that the parity tests take from the scalar twins.
/// </summary>
public sealed class DenseKernelsWorkedExampleTests
{
    private const int Batch = 2, Inputs = 3, Units = 2;
    private static readonly float[] Input = [1f, 2f, 3f, -1f, 0f, 2f];
    private static readonly float[] Kernel = [1f, -1f, 0.5f, 2f, -2f, 0f];
    private static readonly float[] Bias = [0.5f, -1f];
    private static readonly float[] DOutput = [1f, 2f, -1f, 0.5f];

    [Fact]
    public void Forward_computes_input_times_kernel_plus_bias()
    {
        float[] output = new float[Batch * Units];

        DenseKernels.Forward(Input, Kernel, Bias, output, Batch, Inputs, Units);

        // Row 0: [0.5, -1] + 1 [1, -1] + 2 [0.5, 2] + 3 [-2, 0] = [-3.5, 2]
        // Row 1: [0.5, -1] - 1 [1, -1] + 0 [0.5, 2] + 2 [-2, 0] = [-4.5, 0]
        Assert.Equal([-3.5f, 2f, -4.5f, 0f], output);
    }

    [Fact]
    public void Backward_computes_the_three_gradients()
    {
        float[] dKernel = new float[Inputs * Units], dBias = new float[Units], dInput = new float[Batch * Inputs];

        DenseKernels.Backward(Input, Kernel, DOutput, dKernel, dBias, dInput, Batch, Inputs, Units);

        // dKernel[i] = sum_b input[b, i] dOutput[b]: [1 [1, 2] - 1 [-1, 0.5], 2 [1, 2], 3 [1, 2] + 2 [-1, 0.5]]
        Assert.Equal([2f, 1.5f, 2f, 4f, 1f, 7f], dKernel);
        // dBias = [1, 2] + [-1, 0.5]
        Assert.Equal([0f, 2.5f], dBias);
        // dInput[b, i] = dOutput[b] · kernel[i]: row 0 [1 - 2, 0.5 + 4, -2], row 1 [-1 - 0.5, -0.5 + 1, 2]
        Assert.Equal([-1f, 4.5f, -2f, -1.5f, 0.5f, 2f], dInput);
    }
}

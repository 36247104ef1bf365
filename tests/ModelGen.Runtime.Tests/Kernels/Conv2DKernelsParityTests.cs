using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="Conv2DKernels"/> against its scalar twins, and the contract of its buffers: gradients
/// accumulate, the input gradient is overwritten, empty spans skip work, workspaces hold no state.
/// </summary>
/// <remarks>Tolerance as in <see cref="DenseKernelsParityTests"/>: 1e-5 relative to the sum of the magnitudes of each element's terms.</remarks>
public sealed class Conv2DKernelsParityTests
{
    private const double RelativeTolerance = 1e-5;

    public static TheoryData<string> Names => Conv2DCase.AllNames;

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_reference(string name)
    {
        var (conv, g, input, kernel, bias, _) = Sample(name);
        // Stale garbage in the workspace must not leak into the result.
        float[] patches = RandomFloats.Filled(g.WorkspaceLength(conv.Batch), float.NaN);
        float[] simd = RandomFloats.Filled(g.OutputLength(conv.Batch), float.NaN);

        Conv2DKernels.Forward(input, kernel, bias, simd, patches, conv.Batch, g);

        float[] reference = new float[simd.Length], magnitude = new float[simd.Length];
        Conv2DKernels.ForwardReference(input, kernel, bias, reference, conv.Batch, g);
        Conv2DKernels.ForwardReference(FloatArrays.Absolute(input), FloatArrays.Absolute(kernel), FloatArrays.Absolute(bias), magnitude, conv.Batch, g);
        NumericAssert.CloseToScale(reference, simd, magnitude, RelativeTolerance, $"{name} forward");
    }

    /// <summary>dKernel and dBias start non-zero and must end as start + gradient; dInput starts as NaN and must be overwritten.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_matches_reference_and_accumulates(string name)
    {
        var (conv, g, input, kernel, bias, dOutput) = Sample(name);
        var random = new Random(conv.Seed + 1000);
        float[] dKernelStart = RandomFloats.Uniform(random, kernel.Length), dBiasStart = RandomFloats.Uniform(random, bias.Length);
        float[] dKernel = (float[])dKernelStart.Clone(), dBias = (float[])dBiasStart.Clone();
        float[] dInput = RandomFloats.Filled(input.Length, float.NaN);
        float[] patches = RandomFloats.Filled(g.WorkspaceLength(conv.Batch), float.NaN);
        float[] dPatches = RandomFloats.Filled(g.WorkspaceLength(conv.Batch), float.NaN);

        Conv2DKernels.Backward(input, kernel, dOutput, dKernel, dBias, dInput, patches, dPatches, conv.Batch, g);

        float[] kernelFromZero = new float[kernel.Length], biasFromZero = new float[bias.Length], inputReference = new float[input.Length];
        Conv2DKernels.BackwardReference(input, kernel, dOutput, kernelFromZero, biasFromZero, inputReference, conv.Batch, g);
        float[] kernelMagnitude = new float[kernel.Length], biasMagnitude = new float[bias.Length], inputMagnitude = new float[input.Length];
        Conv2DKernels.BackwardReference(FloatArrays.Absolute(input), FloatArrays.Absolute(kernel), FloatArrays.Absolute(dOutput),
            kernelMagnitude, biasMagnitude, inputMagnitude, conv.Batch, g);

        NumericAssert.CloseToScale(FloatArrays.Add(dKernelStart, kernelFromZero), dKernel,
            FloatArrays.Add(FloatArrays.Absolute(dKernelStart), kernelMagnitude), RelativeTolerance, $"{name} dKernel");
        NumericAssert.CloseToScale(FloatArrays.Add(dBiasStart, biasFromZero), dBias,
            FloatArrays.Add(FloatArrays.Absolute(dBiasStart), biasMagnitude), RelativeTolerance, $"{name} dBias");
        NumericAssert.CloseToScale(inputReference, dInput, inputMagnitude, RelativeTolerance, $"{name} dInput");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_with_empty_dInput_gives_the_same_parameter_gradients_without_dPatches(string name)
    {
        var (conv, g, input, kernel, bias, dOutput) = Sample(name);
        float[] dKernelWith = new float[kernel.Length], dBiasWith = new float[bias.Length];
        float[] dKernelWithout = new float[kernel.Length], dBiasWithout = new float[bias.Length];
        float[] patches = new float[g.WorkspaceLength(conv.Batch)];

        Conv2DKernels.Backward(input, kernel, dOutput, dKernelWith, dBiasWith, new float[input.Length], patches, new float[patches.Length], conv.Batch, g);
        Conv2DKernels.Backward(input, kernel, dOutput, dKernelWithout, dBiasWithout, Span<float>.Empty, patches, Span<float>.Empty, conv.Batch, g);

        Assert.Equal(dKernelWith, dKernelWithout);
        Assert.Equal(dBiasWith, dBiasWithout);
    }

    /// <summary>Empty workspaces (a model's shares of a training step pass none) take the thread's own: the same bits.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Without_workspaces_the_kernels_give_the_same_bits(string name)
    {
        var (conv, g, input, kernel, bias, dOutput) = Sample(name);
        float[] patches = new float[g.WorkspaceLength(conv.Batch)], dPatches = new float[patches.Length];
        float[] given = new float[g.OutputLength(conv.Batch)], own = new float[given.Length];
        Conv2DKernels.Forward(input, kernel, bias, given, patches, conv.Batch, g);
        Conv2DKernels.Forward(input, kernel, bias, own, default, conv.Batch, g);
        Assert.Equal(given, own);

        float[] dKernelGiven = new float[kernel.Length], dBiasGiven = new float[bias.Length], dInputGiven = new float[input.Length];
        float[] dKernelOwn = new float[kernel.Length], dBiasOwn = new float[bias.Length], dInputOwn = new float[input.Length];
        Conv2DKernels.Backward(input, kernel, dOutput, dKernelGiven, dBiasGiven, dInputGiven, patches, dPatches, conv.Batch, g);
        Conv2DKernels.Backward(input, kernel, dOutput, dKernelOwn, dBiasOwn, dInputOwn, default, default, conv.Batch, g);
        Assert.Equal(dKernelGiven, dKernelOwn);
        Assert.Equal(dBiasGiven, dBiasOwn);
        Assert.Equal(dInputGiven, dInputOwn);
    }

    /// <summary>All convolutions of a model may share one workspace pair, so backward must not rely on what forward left in it.</summary>
    [Fact]
    public void Backward_rebuilds_the_patches_it_needs()
    {
        var (conv, g, input, kernel, bias, dOutput) = Sample(Conv2DCase.Gradient[2].Name);
        float[] expectedKernel = new float[kernel.Length], actualKernel = new float[kernel.Length];
        float[] output = new float[g.OutputLength(conv.Batch)];
        float[] patches = new float[g.WorkspaceLength(conv.Batch)], dPatches = new float[patches.Length];
        Conv2DKernels.Forward(input, kernel, bias, output, patches, conv.Batch, g);
        Conv2DKernels.Backward(input, kernel, dOutput, expectedKernel, [], [], patches, dPatches, conv.Batch, g);

        Array.Fill(patches, 1e6f);
        Conv2DKernels.Backward(input, kernel, dOutput, actualKernel, [], [], patches, dPatches, conv.Batch, g);

        Assert.Equal(expectedKernel, actualKernel);
    }

    [Fact]
    public void A_1x1_stride_1_convolution_needs_no_workspace()
    {
        var (conv, g, input, kernel, bias, dOutput) = Sample(Conv2DCase.Wide[3].Name);
        Assert.True(g.InputIsPatchMatrix);
        float[] output = new float[g.OutputLength(conv.Batch)], expected = new float[output.Length];

        Conv2DKernels.Forward(input, kernel, bias, output, [], conv.Batch, g);
        Conv2DKernels.Backward(input, kernel, dOutput, new float[kernel.Length], new float[bias.Length], new float[input.Length], [], [], conv.Batch, g);

        DenseKernels.Forward(input, kernel, bias, expected, g.PatchRows(conv.Batch), g.Channels, g.Filters);
        Assert.Equal(expected, output);
    }

    /// <summary>
    /// The Winograd forward keeps transformed kernels by content (four per thread): a kernel written in place
    /// since the last call, and five kernels taking turns, must each give their own convolution.
    /// </summary>
    [Fact]
    public void Winograd_forward_sees_every_change_to_its_kernel()
    {
        var (conv, g, input, kernel, bias, _) = Sample("winograd: 32 channels, 64 filters, valid, 13x13 (LeNet's second layer)");
        float[] output = new float[g.OutputLength(conv.Batch)];
        Conv2DKernels.Forward(input, kernel, bias, output, default, conv.Batch, g);
        kernel[kernel.Length / 2] += 1f;
        AssertForward(kernel);

        var random = new Random(7);
        float[][] kernels = [.. Enumerable.Range(0, 5).Select(_ => RandomFloats.Uniform(random, g.KernelLength))];
        for (int round = 0; round < 2; round++)
            foreach (float[] each in kernels) AssertForward(each);

        void AssertForward(float[] k)
        {
            Conv2DKernels.Forward(input, k, bias, output, default, conv.Batch, g);
            float[] reference = new float[output.Length], magnitude = new float[output.Length];
            Conv2DKernels.ForwardReference(input, k, bias, reference, conv.Batch, g);
            Conv2DKernels.ForwardReference(FloatArrays.Absolute(input), FloatArrays.Absolute(k), FloatArrays.Absolute(bias), magnitude, conv.Batch, g);
            NumericAssert.CloseToScale(reference, output, magnitude, RelativeTolerance, "Winograd forward");
        }
    }

    private static (Conv2DCase Conv, Conv2DGeometry Geometry, float[] Input, float[] Kernel, float[] Bias, float[] DOutput) Sample(string name)
    {
        Conv2DCase conv = Conv2DCase.Named(name);
        Conv2DGeometry g = conv.Geometry;
        var random = new Random(conv.Seed);
        return (conv, g,
            RandomFloats.Uniform(random, g.InputLength(conv.Batch)),
            RandomFloats.Uniform(random, g.KernelLength),
            RandomFloats.Uniform(random, conv.HasBias ? g.Filters : 0),
            RandomFloats.Uniform(random, g.OutputLength(conv.Batch)));
    }
}

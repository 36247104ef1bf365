using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>A training step allocates nothing: every image kernel works in the buffers and workspaces it is given.</summary>
public sealed class CnnKernelAllocationTests
{
    [Fact]
    public void Forward_and_backward_of_every_image_kernel_allocate_nothing_after_warm_up()
    {
        var network = new SmallNetwork();
        network.TrainingStep();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) network.TrainingStep();

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>
    /// (2, 9, 9, 3) -> conv 3x3 stride 2 same (2, 5, 5, 8) -> batch norm -> max pool 3 stride 2 same (2, 3, 3, 8)
    /// -> avg pool 2 stride 1 same (2, 3, 3, 8) -> 1x1 conv (2, 3, 3, 4) -> global average (2, 4) -> dropout, and back.
    /// </summary>
    private sealed class SmallNetwork
    {
        private const int Batch = 2;
        private static readonly Conv2DGeometry Conv = Conv2DGeometry.Create(9, 9, 3, 8, 3, 2, 1, Padding.Same);
        private static readonly Pooling2DGeometry MaxPool = Pooling2DGeometry.Create(5, 5, 8, 3, 2, Padding.Same);
        private static readonly Pooling2DGeometry AvgPool = Pooling2DGeometry.Create(3, 3, 8, 2, 1, Padding.Same);
        private static readonly Conv2DGeometry Pointwise = Conv2DGeometry.Create(3, 3, 8, 4, 1, 1, 1, Padding.Valid);
        private static readonly int Rows = Conv.PatchRows(Batch), Pooled = Batch * Pointwise.Filters;

        private readonly float[] _input = RandomFloats.Uniform(new Random(1), Conv.InputLength(Batch));
        private readonly float[] _kernel = RandomFloats.Uniform(new Random(2), Conv.KernelLength), _bias = new float[Conv.Filters];
        private readonly float[] _patches = new float[Conv.WorkspaceLength(Batch)], _dPatches = new float[Conv.WorkspaceLength(Batch)];
        private readonly float[] _convOutput = new float[Conv.OutputLength(Batch)], _normalized = new float[Conv.OutputLength(Batch)];
        private readonly float[] _gamma = RandomFloats.Filled(Conv.Filters, 1f), _beta = new float[Conv.Filters];
        private readonly float[] _movingMean = new float[Conv.Filters], _movingVariance = RandomFloats.Filled(Conv.Filters, 1f);
        private readonly float[] _savedMean = new float[Conv.Filters], _savedInverseStd = new float[Conv.Filters];
        private readonly float[] _maxOutput = new float[MaxPool.OutputLength(Batch)], _avgOutput = new float[AvgPool.OutputLength(Batch)];
        private readonly int[] _argmax = new int[MaxPool.OutputLength(Batch)];
        private readonly float[] _pointwiseKernel = RandomFloats.Uniform(new Random(3), Pointwise.KernelLength);
        private readonly float[] _pointwiseOutput = new float[Pointwise.OutputLength(Batch)];
        private readonly float[] _pooled = new float[Pooled], _dropped = new float[Pooled], _mask = new float[Pooled];

        private readonly float[] _dKernel = new float[Conv.KernelLength], _dBias = new float[Conv.Filters], _dInput = new float[Conv.InputLength(Batch)];
        private readonly float[] _dGamma = new float[Conv.Filters], _dBeta = new float[Conv.Filters];
        private readonly float[] _dPointwiseKernel = new float[Pointwise.KernelLength];
        private readonly float[] _dPooled = new float[Pooled], _dPointwise = new float[Pointwise.OutputLength(Batch)];
        private readonly float[] _dAvgOutput = new float[AvgPool.OutputLength(Batch)], _dMaxOutput = new float[MaxPool.OutputLength(Batch)];
        private readonly float[] _dConvOutput = new float[Conv.OutputLength(Batch)];
        private DropoutRandom _random = new(5);

        public void TrainingStep()
        {
            Conv2DKernels.Forward(_input, _kernel, _bias, _convOutput, _patches, Batch, Conv);
            BatchNormKernels.InferenceForward(_convOutput, _gamma, _beta, _movingMean, _movingVariance, _normalized, Rows, Conv.Filters, 1e-3f);
            BatchNormKernels.TrainingForward(_convOutput, _gamma, _beta, _normalized, _movingMean, _movingVariance, _savedMean, _savedInverseStd, Rows, Conv.Filters, 1e-3f, 0.99f);
            Pooling2DKernels.MaxForward(_normalized, _maxOutput, _argmax, Batch, MaxPool);
            Pooling2DKernels.AvgForward(_maxOutput, _avgOutput, Batch, AvgPool);
            Conv2DKernels.Forward(_avgOutput, _pointwiseKernel, [], _pointwiseOutput, [], Batch, Pointwise);
            Pooling2DKernels.GlobalAverageForward(_pointwiseOutput, _pooled, Batch, Pointwise.OutHeight, Pointwise.OutWidth, Pointwise.Filters);
            DropoutKernels.Forward(_pooled, _dropped, _mask, 0.5f, ref _random);

            DropoutKernels.Backward(_dropped, _mask, _dPooled);
            Pooling2DKernels.GlobalAverageBackward(_dPooled, _dPointwise, Batch, Pointwise.OutHeight, Pointwise.OutWidth, Pointwise.Filters);
            Conv2DKernels.Backward(_avgOutput, _pointwiseKernel, _dPointwise, _dPointwiseKernel, [], _dAvgOutput, [], [], Batch, Pointwise);
            Pooling2DKernels.AvgBackward(_dAvgOutput, _dMaxOutput, Batch, AvgPool);
            Pooling2DKernels.MaxBackward(_dMaxOutput, _argmax, _dConvOutput, Batch, MaxPool);
            BatchNormKernels.Backward(_convOutput, _gamma, _dConvOutput, _savedMean, _savedInverseStd, _dGamma, _dBeta, _dConvOutput, Rows, Conv.Filters);
            Conv2DKernels.Backward(_input, _kernel, _dConvOutput, _dKernel, _dBias, _dInput, _patches, _dPatches, Batch, Conv);
        }
    }
}

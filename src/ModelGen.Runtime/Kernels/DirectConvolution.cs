using System.Runtime.Intrinsics;

namespace ModelGen.Kernels;

/// <summary>
/// Convolution straight from the NHWC input, for layers whose patches are short (few input
/// channels, such as a first layer over grey or RGB pixels). There im2col would copy more than
/// the product computes and the product's depth would be too short to fill a register tile; here
/// each output pixel keeps its filters in one or two zmm accumulators and every in-bounds tap adds
/// one broadcast input value times a row of the kernel, which stays in L1.
/// </summary>
/// <remarks>
/// Filters go in groups of 32 (two vectors), with a last group of 16. Backward accumulates
/// dKernel in memory (it is small and L1-resident) and forms dInput from one dot product per tap.
/// Callers check <see cref="Suits"/>; sums run in a different order from the im2col path, so
/// results agree with it to rounding, not to the bit.
/// </remarks>
internal static unsafe class DirectConvolution
{
    // Longest patch (KernelSize^2 * Channels) taken here; conv1 of an MNIST LeNet has 9, of an RGB net 27.
    private const int MaxPatchLength = 32;

    /// <summary>Whether <paramref name="g"/> runs faster here than through im2col: short patches, filters a multiple of 16.</summary>
    public static bool Suits(in Conv2DGeometry g) =>
        Vector512.IsHardwareAccelerated && g.PatchLength <= MaxPatchLength && g.Filters % 16 == 0;

    // Below this many multiply-adds a second thread costs more than it saves.
    private const long ParallelThreshold = 1 << 20;
    // Floats of per-thread dKernel and dBias partial sums kept on the stack; larger layers run on one thread.
    private const int PartialSumLimit = 16 * 1024;

    /// <summary>Forward over a batch, its samples split over <see cref="ComputeThreads.Count"/> threads when large enough.</summary>
    public static void Forward(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        var job = new Job(input, kernel, bias, output, null, null, null, null, batch, g, relu);
        ComputeTeam.Run(&ForwardPart, &job, Threads(batch, g));
    }

    /// <summary>
    /// Accumulates dKernel and dBias and overwrites dInput unless it is null. Threads beyond the first
    /// sum their samples' parameter gradients on the stack, and the caller adds them in at the end.
    /// </summary>
    public static void Backward(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput, int batch, in Conv2DGeometry g)
    {
        int threads = Threads(batch, g), partialLength = g.KernelLength + g.Filters;
        if ((threads - 1) * partialLength > PartialSumLimit) threads = 1;
        Span<float> partials = stackalloc float[(threads - 1) * partialLength];
        partials.Clear();
        fixed (float* partial = partials)
        {
            var job = new Job(input, kernel, dOutput, null, dKernel, dBias, dInput, partial, batch, g, relu: false);
            ComputeTeam.Run(&BackwardPart, &job, threads);
        }
        for (int t = 1; t < threads; t++)
        {
            Span<float> partial = partials.Slice((t - 1) * partialLength, partialLength);
            VectorMath.MultiplyAdd(partial[..g.KernelLength], 1f, new Span<float>(dKernel, g.KernelLength));
            if (dBias != null) VectorMath.MultiplyAdd(partial[g.KernelLength..], 1f, new Span<float>(dBias, g.Filters));
        }
    }

    private static int Threads(int batch, in Conv2DGeometry g) =>
        (long)g.OutputLength(batch) * g.PatchLength >= ParallelThreshold ? ComputeTeam.Threads(batch) : 1;

    private static void ForwardPart(void* arguments, int part, int parts)
    {
        ref Job job = ref *(Job*)arguments;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        if (first < end)
            ForwardSamples(job.Input + (nint)first * job.Geometry.InputLength(1), job.Kernel, job.BiasOrGradient,
                job.Output + (nint)first * job.Geometry.OutputLength(1), end - first, job.Geometry, job.Relu);
    }

    private static void BackwardPart(void* arguments, int part, int parts)
    {
        ref Job job = ref *(Job*)arguments;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        if (first >= end) return;
        int partialLength = job.Geometry.KernelLength + job.Geometry.Filters;
        float* dKernel = part == 0 ? job.DKernel : job.Partials + (nint)(part - 1) * partialLength;
        float* dBias = job.DBias == null ? null : part == 0 ? job.DBias : dKernel + job.Geometry.KernelLength;
        BackwardSamples(job.Input + (nint)first * job.Geometry.InputLength(1), job.Kernel, job.BiasOrGradient + (nint)first * job.Geometry.OutputLength(1),
            dKernel, dBias, job.DInput == null ? null : job.DInput + (nint)first * job.Geometry.InputLength(1), end - first, job.Geometry);
    }

    /// <summary>One call's operands for the threads; forward reads the bias from <see cref="BiasOrGradient"/>, backward dOutput.</summary>
    private readonly struct Job(float* input, float* kernel, float* biasOrGradient, float* output, float* dKernel, float* dBias, float* dInput,
        float* partials, int batch, Conv2DGeometry geometry, bool relu)
    {
        public readonly float* Input = input, Kernel = kernel, BiasOrGradient = biasOrGradient, Output = output,
            DKernel = dKernel, DBias = dBias, DInput = dInput, Partials = partials;
        public readonly int Batch = batch;
        public readonly Conv2DGeometry Geometry = geometry;
        public readonly bool Relu = relu;
    }

    private static void ForwardSamples(float* input, float* kernel, float* bias, float* output, int batch, in Conv2DGeometry g, bool relu)
    {
        // Geometry in locals: stores through the output pointer could alias an 'in' parameter, which
        // would make the JIT reload every field inside the loops.
        int filters = g.Filters, channels = g.Channels, kernelSize = g.KernelSize, height = g.Height, width = g.Width;
        int outHeight = g.OutHeight, outWidth = g.OutWidth, stride = g.Stride, dilation = g.Dilation, padTop = g.PadTop, padLeft = g.PadLeft;
        Span<int> columnTaps = outWidth <= 512 ? stackalloc int[2 * outWidth] : new int[2 * outWidth];
        for (int ox = 0; ox < outWidth; ox++)
            (columnTaps[2 * ox], columnTaps[2 * ox + 1]) = WindowAxis.Inside(ox * stride - padLeft, dilation, kernelSize, width);
        nint tapStride = (nint)channels * filters;
        for (int f0 = 0; f0 < filters; f0 += 32)
        {
            bool pair = f0 + 32 <= filters;
            Vector512<float> bias0 = bias != null ? Vector512.Load(bias + f0) : default;
            Vector512<float> bias1 = pair && bias != null ? Vector512.Load(bias + f0 + 16) : default;
            float* y = output + f0;
            for (int n = 0; n < batch; n++)
                for (int oy = 0; oy < outHeight; oy++)
                {
                    int top = oy * stride - padTop;
                    var (kyFirst, kyEnd) = WindowAxis.Inside(top, dilation, kernelSize, height);
                    for (int ox = 0; ox < outWidth; ox++, y += filters)
                    {
                        int left = ox * stride - padLeft, kxFirst = columnTaps[2 * ox], kxEnd = columnTaps[2 * ox + 1];
                        Vector512<float> a0 = bias0, a1 = bias1;
                        for (int ky = kyFirst; ky < kyEnd; ky++)
                        {
                            float* x = input + (((nint)n * height + top + ky * dilation) * width + left) * channels;
                            float* k = kernel + (nint)ky * kernelSize * tapStride + f0;
                            for (int kx = kxFirst; kx < kxEnd; kx++)
                            {
                                float* xTap = x + (nint)kx * dilation * channels;
                                float* kTap = k + kx * tapStride;
                                for (int c = 0; c < channels; c++, kTap += filters)
                                {
                                    var xc = Vector512.Create(xTap[c]);
                                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(kTap), xc, a0);
                                    if (pair) a1 = Vector512.FusedMultiplyAdd(Vector512.Load(kTap + 16), xc, a1);
                                }
                            }
                        }
                        (relu ? Vector512.Max(a0, Vector512<float>.Zero) : a0).Store(y);
                        if (pair) (relu ? Vector512.Max(a1, Vector512<float>.Zero) : a1).Store(y + 16);
                    }
                }
        }
    }

    private static void BackwardSamples(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput, int batch, in Conv2DGeometry g)
    {
        int filters = g.Filters, channels = g.Channels, kernelSize = g.KernelSize, height = g.Height, width = g.Width;
        int outHeight = g.OutHeight, outWidth = g.OutWidth, stride = g.Stride, dilation = g.Dilation, padTop = g.PadTop, padLeft = g.PadLeft;
        if (dInput != null) new Span<float>(dInput, g.InputLength(batch)).Clear();
        nint tapStride = (nint)channels * filters;
        float* dy = dOutput;
        for (int n = 0; n < batch; n++)
            for (int oy = 0; oy < outHeight; oy++)
            {
                int top = oy * stride - padTop;
                var (kyFirst, kyEnd) = WindowAxis.Inside(top, dilation, kernelSize, height);
                for (int ox = 0; ox < outWidth; ox++, dy += filters)
                {
                    int left = ox * stride - padLeft;
                    var (kxFirst, kxEnd) = WindowAxis.Inside(left, dilation, kernelSize, width);
                    if (dBias != null)
                        for (int f = 0; f < filters; f += 16) (Vector512.Load(dBias + f) + Vector512.Load(dy + f)).Store(dBias + f);
                    for (int ky = kyFirst; ky < kyEnd; ky++)
                        for (int kx = kxFirst; kx < kxEnd; kx++)
                        {
                            nint cell = (((nint)n * height + top + ky * dilation) * width + left + kx * dilation) * channels;
                            nint tap = (ky * kernelSize + kx) * tapStride;
                            for (int c = 0; c < channels; c++)
                            {
                                float* dk = dKernel + tap + c * filters;
                                float* k = kernel + tap + c * filters;
                                var xc = Vector512.Create(input[cell + c]);
                                var dot = Vector512<float>.Zero;
                                for (int f = 0; f < filters; f += 16)
                                {
                                    var g16 = Vector512.Load(dy + f);
                                    Vector512.FusedMultiplyAdd(g16, xc, Vector512.Load(dk + f)).Store(dk + f);
                                    if (dInput != null) dot = Vector512.FusedMultiplyAdd(g16, Vector512.Load(k + f), dot);
                                }
                                if (dInput != null) dInput[cell + c] += Vector512.Sum(dot);
                            }
                        }
                }
            }
    }
}

namespace ModelGen.Kernels;

/// <summary>
/// The im2col strategy of <see cref="Conv2DKernels"/>: the batch goes through in chunks of
/// <see cref="Conv2DGeometry.ChunkSamples"/> samples, each copied into a patch matrix and multiplied
/// by the kernel while the patches are still in cache. Threads take whole chunks (one wake-up per
/// layer rather than one per product), each with its own patch buffers: the caller's part uses the
/// workspaces it was given (the model's, or its thread's own), the workers theirs. The products inside a part then run on its own thread,
/// except when there is only one part, where they split their rows instead (one-sample Predict).
/// </summary>
/// <remarks>
/// Backward transposes the kernel once for all chunks. Parts beyond the first sum their dKernel and
/// dBias into per-thread buffers (<see cref="ConvolutionJob"/>), which the caller adds in at the end.
/// </remarks>
internal static unsafe class Im2ColConvolution
{
    [ThreadStatic] private static float[]? t_patches;
    [ThreadStatic] private static float[]? t_patchGradient;

    public static void Forward(float* input, float* kernel, float* bias, float* output, float* patches, int batch, in Conv2DGeometry g, bool relu)
    {
        var job = new ConvolutionJob(input, kernel, bias, output, patches, null, null, null, null, null, batch, g, relu);
        ComputeTeam.Run(&ForwardPart, &job, Threads(batch, g));
    }

    /// <summary>Accumulates dKernel and dBias (null for none); overwrites dInput unless it is null.</summary>
    public static void Backward(float* input, float* kernel, float* dOutput, float* dKernel, float* dBias, float* dInput,
        float* patches, float* dPatches, int batch, in Conv2DGeometry g)
    {
        int threads = Threads(batch, g);
        Span<float> transposed = dInput == null ? default : TransposeScratch.Transpose(new ReadOnlySpan<float>(kernel, g.KernelLength), g.PatchLength, g.Filters);
        float** partials = stackalloc float*[threads];
        fixed (float* kernelTransposed = transposed)
        {
            var job = new ConvolutionJob(input, kernelTransposed, dOutput, null, patches, dPatches, dKernel, dBias, dInput, partials, batch, g, relu: false);
            ComputeTeam.Run(&BackwardPart, &job, threads);
            job.AddPartialSums(threads);
        }
    }

    private static int Threads(int batch, in Conv2DGeometry g)
    {
        int chunks = (batch + g.ChunkSamples - 1) / g.ChunkSamples;
        return ComputeTeam.Threads(chunks, (long)g.OutputLength(batch) * g.PatchLength);
    }

    private static void ForwardPart(void* arguments, int part, int parts)
    {
        ref ConvolutionJob job = ref *(ConvolutionJob*)arguments;
        Conv2DGeometry g = job.Geometry;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts, grain: g.ChunkSamples);
        if (first >= end) return;
        Span<float> patches = part == 0 ? new Span<float>(job.Patches, g.WorkspaceLength(job.Batch)) : Scratch(ref t_patches, g.WorkspaceLength(job.Batch));
        int inputLength = g.InputLength(1), outputLength = g.OutputLength(1);
        var kernel = new ReadOnlySpan<float>(job.Kernel, g.KernelLength);
        var bias = job.BiasOrGradient == null ? default : new ReadOnlySpan<float>(job.BiasOrGradient, g.Filters);
        for (int sample = first; sample < end; sample += g.ChunkSamples)
        {
            int samples = Math.Min(g.ChunkSamples, end - sample);
            Span<float> chunkPatches = patches[..g.WorkspaceLength(samples)];
            PatchMatrix.Gather(new ReadOnlySpan<float>(job.Input + (nint)sample * inputLength, samples * inputLength), chunkPatches, samples, g);
            DenseKernels.Forward(chunkPatches, kernel, bias, new Span<float>(job.Output + (nint)sample * outputLength, samples * outputLength),
                g.PatchRows(samples), g.PatchLength, g.Filters, job.Relu);
        }
    }

    private static void BackwardPart(void* arguments, int part, int parts)
    {
        ref ConvolutionJob job = ref *(ConvolutionJob*)arguments;
        Conv2DGeometry g = job.Geometry;
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts, grain: g.ChunkSamples);
        if (first >= end) return;
        int length = g.WorkspaceLength(job.Batch);
        Span<float> patches = part == 0 ? new Span<float>(job.Patches, length) : Scratch(ref t_patches, length);
        Span<float> patchGradient = job.DInput == null ? default : part == 0 ? new Span<float>(job.PatchGradient, length) : Scratch(ref t_patchGradient, length);
        job.GradientTargets(part, out float* kernelGradient, out float* biasGradient);
        var dKernel = new Span<float>(kernelGradient, g.KernelLength);
        var dBias = biasGradient == null ? default : new Span<float>(biasGradient, g.Filters);
        int inputLength = g.InputLength(1), outputLength = g.OutputLength(1);
        var kernelTransposed = job.DInput == null ? default : new ReadOnlySpan<float>(job.Kernel, g.KernelLength);
        for (int sample = first; sample < end; sample += g.ChunkSamples)
        {
            int samples = Math.Min(g.ChunkSamples, end - sample), chunkLength = g.WorkspaceLength(samples);
            Span<float> chunkPatches = patches[..chunkLength];
            var input = new ReadOnlySpan<float>(job.Input + (nint)sample * inputLength, samples * inputLength);
            PatchMatrix.Gather(input, chunkPatches, samples, g);
            Span<float> chunkPatchGradient = job.DInput == null ? default : patchGradient[..chunkLength];
            DenseKernels.BackwardTransposed(chunkPatches, kernelTransposed, new ReadOnlySpan<float>(job.BiasOrGradient + (nint)sample * outputLength, samples * outputLength),
                dKernel, dBias, chunkPatchGradient, g.PatchRows(samples), g.PatchLength, g.Filters);
            if (job.DInput != null)
                PatchMatrix.ScatterAdd(chunkPatchGradient, new Span<float>(job.DInput + (nint)sample * inputLength, samples * inputLength), samples, g);
        }
    }

    /// <summary>This thread's patch matrix workspace of <paramref name="length"/> floats, for a caller that passes none.</summary>
    public static Span<float> ThreadPatches(int length) => Scratch(ref t_patches, length);

    /// <summary>This thread's patch gradient workspace of <paramref name="length"/> floats, for a caller that passes none.</summary>
    public static Span<float> ThreadPatchGradient(int length) => Scratch(ref t_patchGradient, length);

    /// <summary>This thread's buffer of at least <paramref name="length"/> floats, grown once and then reused.</summary>
    private static Span<float> Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}

namespace ModelGen.Kernels;

/// <summary>
/// One convolution call's operands, shared with the compute threads by <see cref="DirectConvolution"/>
/// and <see cref="Im2ColConvolution"/>; the caller pins them and waits for every part. Forward reads
/// the bias from <see cref="BiasOrGradient"/>, backward dOutput. im2col's backward reads the kernel
/// transposed, and only im2col uses the patch workspaces.
/// </summary>
/// <remarks>
/// Parts of a backward pass share dKernel and dBias, so each part beyond the first sums into a buffer
/// of its own thread (grown once, then reused), publishes it in <see cref="Partials"/>, and the
/// caller adds those in with <see cref="AddPartialSums"/> after the run.
/// </remarks>
internal readonly unsafe struct ConvolutionJob(float* input, float* kernel, float* biasOrGradient, float* output,
    float* patches, float* patchGradient, float* dKernel, float* dBias, float* dInput, float** partials,
    int batch, Conv2DGeometry geometry, bool relu)
{
    [ThreadStatic] private static float[]? t_partialSums;

    public readonly float* Input = input, Kernel = kernel, BiasOrGradient = biasOrGradient, Output = output,
        Patches = patches, PatchGradient = patchGradient, DKernel = dKernel, DBias = dBias, DInput = dInput;
    public readonly float** Partials = partials;
    public readonly int Batch = batch;
    public readonly Conv2DGeometry Geometry = geometry;
    public readonly bool Relu = relu;

    /// <summary>
    /// Where part <paramref name="part"/> accumulates its parameter gradients: part 0 into dKernel and
    /// dBias themselves, any other into this thread's zeroed partial sums (dBias null when the layer has none).
    /// </summary>
    public void GradientTargets(int part, out float* dKernel, out float* dBias)
    {
        if (part == 0)
        {
            dKernel = DKernel;
            dBias = DBias;
            return;
        }
        int length = Geometry.KernelLength + Geometry.Filters;
        float* sums = PinnedScratch.Grow(ref t_partialSums, length);
        new Span<float>(sums, length).Clear();
        Partials[part] = sums;
        dKernel = sums;
        dBias = DBias == null ? null : Partials[part] + Geometry.KernelLength;
    }

    /// <summary>Adds the partial sums that parts 1 to <paramref name="parts"/> - 1 published into dKernel and dBias.</summary>
    public void AddPartialSums(int parts)
    {
        for (int part = 1; part < parts; part++)
        {
            if (Partials[part] == null) continue; // the part had no samples, or the job ran as one part
            VectorMath.MultiplyAdd(new ReadOnlySpan<float>(Partials[part], Geometry.KernelLength), 1f, new Span<float>(DKernel, Geometry.KernelLength));
            if (DBias != null)
                VectorMath.MultiplyAdd(new ReadOnlySpan<float>(Partials[part] + Geometry.KernelLength, Geometry.Filters), 1f, new Span<float>(DBias, Geometry.Filters));
        }
    }
}

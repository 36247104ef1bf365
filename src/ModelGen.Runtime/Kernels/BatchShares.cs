using System.Runtime.CompilerServices;

namespace ModelGen.Kernels;

/// <summary>
/// A generated model whose layers treat every sample on its own (dense layers) implements this, so
/// that a training step can split its batch over the compute threads: see <see cref="BatchShares"/>.
/// </summary>
public interface IBatchShare
{
    /// <summary>
    /// Runs every layer forward, the loss and every layer backward on samples
    /// <c>[first, first + count)</c> of the step, whose <paramref name="inputs"/> and <paramref name="targets"/>
    /// are given, accumulating parameter gradients into share <paramref name="share"/>'s own buffer.
    /// Called once per share, on its own thread.
    /// </summary>
    void RunShare(int share, int first, int count, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
}

/// <summary>
/// Training steps split by samples rather than by kernels. Splitting each matrix product over the
/// threads leaves a small model's step with a dozen fork-joins and every element-wise pass, loss and
/// small product serial (an MNIST MLP step at batch 128 ran 1.6x faster on two threads than on one);
/// shares of the batch run the whole step apart, and only summing their gradients is extra work.
/// </summary>
public static unsafe class BatchShares
{
    // Fewer samples per share and the shares' small products lose more to their edges than a thread gains.
    private const int MinimumSamplesPerShare = 8;

    // A split step wakes the other threads twice (the shares, then the gradient sum) where a split product
    // wakes them once per product, so it pays from a quarter of the work a product needs: the tutorial's
    // 10-64-32-1 classifier at batch 128 (a million multiply-adds) takes 22 us on one thread.
    private const long MinimumStepWork = 1 << 18;

    /// <summary>
    /// How many shares a step of <paramref name="batch"/> samples should take: the compute threads, capped so that
    /// each gets at least 8 samples; 1 when the whole step (three products of <paramref name="multiplyAddsPerSample"/>
    /// per sample: forward, input gradient, kernel gradient) is too small to pay for waking a thread.
    /// </summary>
    public static int Count(int batch, long multiplyAddsPerSample) =>
        3L * batch * multiplyAddsPerSample >= MinimumStepWork ? ComputeTeam.Threads(batch / MinimumSamplesPerShare) : 1;

    /// <summary>
    /// Calls <see cref="IBatchShare.RunShare"/> for each of <paramref name="shares"/> ranges of the batch of
    /// <paramref name="inputs"/> (<paramref name="inputLength"/> per sample) and <paramref name="targets"/>, share 0
    /// on the calling thread, and returns how many ran: 1 (the whole batch as share 0) when another caller holds
    /// the compute threads. Each share reads its own samples where they are, so the step copies nothing up front.
    /// </summary>
    public static int Run(IBatchShare model, ReadOnlySpan<float> inputs, int inputLength, ReadOnlySpan<float> targets, int batch, int shares)
    {
        fixed (float* x = inputs, t = targets)
        {
            var job = new ShareJob(model, x, inputLength, t, targets.Length / batch, batch);
            return ComputeTeam.Run(&RunShare, Unsafe.AsPointer(ref job), shares);
        }
    }

    /// <summary>
    /// Grows a model's buffers for <paramref name="shares"/> shares, once: the gradients of every share but the
    /// first (which uses the model's own) and every share's loss.
    /// </summary>
    public static void Grow(ref float[][] shareGradients, ref double[] shareLosses, int shares, int parameterCount)
    {
        if (shareGradients.Length >= shares - 1) return;
        shareGradients = new float[shares - 1][];
        for (int share = 0; share < shares - 1; share++) shareGradients[share] = new float[parameterCount];
        shareLosses = new double[shares];
    }

    /// <summary>Multiplies a share's loss gradient by <c>count / batch</c>: the loss averaged over the share, now over the whole batch.</summary>
    public static void Rescale(Span<float> gradient, int count, int batch) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, (float)count / batch, gradient);

    /// <summary>Adds the first <paramref name="count"/> of <paramref name="shareGradients"/> into <paramref name="gradients"/>, split over the compute threads.</summary>
    public static void Sum(float[] gradients, float[][] shareGradients, int count)
    {
        if (count == 0) return;
        var job = new SumJob(gradients, shareGradients, count);
        int threads = ComputeTeam.Threads(gradients.Length / MinimumSumLength);
        if (threads == 1) Sum(ref job, 0, 1);
        else ComputeTeam.Run(&SumPart, Unsafe.AsPointer(ref job), threads);
    }

    // From 64 KB of gradients on, a second thread's half outlasts waking it.
    private const int MinimumSumLength = 1 << 14;

    // The jobs hold managed references: the arrays may move during a part, so parts read them through the job.
    // Not generic over the model: a function pointer to a shared generic instantiation allocated on its first calls.
    // The inputs and targets are pinned by Run, which waits for every part.
    private readonly struct ShareJob(IBatchShare model, float* inputs, int inputLength, float* targets, int targetLength, int batch)
    {
        public readonly IBatchShare Model = model;
        public readonly float* Inputs = inputs, Targets = targets;
        public readonly int InputLength = inputLength, TargetLength = targetLength, Batch = batch;
    }

    private static void RunShare(void* arguments, int part, int parts)
    {
        ref ShareJob job = ref Unsafe.AsRef<ShareJob>(arguments);
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        int count = end - first;
        job.Model.RunShare(part, first, count,
            new ReadOnlySpan<float>(job.Inputs + (nint)first * job.InputLength, count * job.InputLength),
            new ReadOnlySpan<float>(job.Targets + (nint)first * job.TargetLength, count * job.TargetLength));
    }

    private readonly struct SumJob(float[] gradients, float[][] shareGradients, int count)
    {
        public readonly float[] Gradients = gradients;
        public readonly float[][] ShareGradients = shareGradients;
        public readonly int Count = count;
    }

    private static void SumPart(void* arguments, int part, int parts) => Sum(ref Unsafe.AsRef<SumJob>(arguments), part, parts);

    private static void Sum(ref SumJob job, int part, int parts)
    {
        var (start, end) = ComputeTeam.Range(job.Gradients.Length, part, parts, grain: 16);
        Span<float> target = job.Gradients.AsSpan(start, end - start);
        for (int share = 0; share < job.Count; share++)
            System.Numerics.Tensors.TensorPrimitives.Add(target, job.ShareGradients[share].AsSpan(start, end - start), target);
    }
}

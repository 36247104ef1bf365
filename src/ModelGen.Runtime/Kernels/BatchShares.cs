using System.Runtime.CompilerServices;
using ModelGen.Optimizers;

namespace ModelGen.Kernels;

/// <summary>
/// A generated model whose layers treat every sample on its own (dense, convolution and pooling layers) implements this, so
/// that a training step can split its batch over the compute threads: see <see cref="BatchShares"/>.
/// </summary>
public interface IBatchShare : ITrainableModel
{
    /// <summary>
    /// Runs every layer forward, the loss and every layer backward on samples
    /// <c>[first, first + count)</c> of the step, whose inputs and targets are <paramref name="batchInputs"/> and
    /// <paramref name="batchTargets"/> (the whole batch's), writing parameter gradients into share
    /// <paramref name="share"/>'s own buffer: all but the first <see cref="KernelRowsSplit"/> rows' gradients, which
    /// each share writes, for its own rows, into the model's gradients. Called once per share of
    /// <paramref name="shares"/>, on its own thread.
    /// </summary>
    void RunShare(int share, int shares, int first, int count, ReadOnlySpan<float> batchInputs, ReadOnlySpan<float> batchTargets);

    /// <summary>
    /// The first layer's kernel when a split step splits it by rows (<see cref="DenseRowSplit"/>): its rows and their
    /// length, the kernel being parameters <c>[0, Rows * RowLength)</c>; <c>(0, 0)</c> when the step splits by samples alone.
    /// </summary>
    (int Rows, int RowLength) KernelRowsSplit => default;

    /// <summary>
    /// Runs every layer forward, for inference, on samples <c>[first, first + count)</c> of the pass, whose
    /// <paramref name="inputs"/> are given, into the model's output buffers. Called once per share, on its own thread.
    /// </summary>
    void RunInferenceShare(int first, int count, ReadOnlySpan<float> inputs);

    /// <summary>
    /// <see cref="ITrainableModel.ComputeLossAndGradients"/>, and when the batch splits into shares and an
    /// <paramref name="optimizer"/> is given (one that <see cref="Optimizer.UpdatesInRanges"/>), the rest of a training
    /// step too: the L1/L2 penalties' gradients and one optimizer step, each thread on the range of parameters whose
    /// gradients it summed; <paramref name="stepped"/> then says so. Otherwise the caller takes the step. Returns the
    /// loss without penalties.
    /// </summary>
    float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Optimizer? optimizer, out bool stepped);
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

    // A split step wakes the other threads once (their shares, whose threads then sum the gradients and update
    // the parameters) where a split product wakes them once per product, so it pays from a quarter of the work a
    // product needs: the tutorial's 10-64-32-1 classifier at batch 128 (a million multiply-adds) takes 16 us on one thread.
    private const long MinimumStepWork = 1 << 18;

    /// <summary>
    /// How many shares a step of <paramref name="batch"/> samples should take: the compute threads, capped so that
    /// each gets at least 8 samples; 1 when the whole step (three products of <paramref name="multiplyAddsPerSample"/>
    /// per sample: forward, input gradient, kernel gradient) is too small to pay for waking a thread.
    /// </summary>
    public static int Count(int batch, long multiplyAddsPerSample) => Shares(batch, 3L * batch * multiplyAddsPerSample);

    /// <summary>
    /// How many shares an inference pass over <paramref name="batch"/> samples should take: as <see cref="Count"/>, for
    /// one product of <paramref name="multiplyAddsPerSample"/> per sample.
    /// </summary>
    public static int InferenceCount(int batch, long multiplyAddsPerSample) => Shares(batch, batch * multiplyAddsPerSample);

    // The compute threads, at least 8 samples each, when the pass's multiply-adds pay for waking them; else 1.
    private static int Shares(int batch, long multiplyAdds) =>
        multiplyAdds >= MinimumStepWork ? ComputeTeam.Threads(batch / MinimumSamplesPerShare) : 1;

    /// <summary>
    /// Calls <see cref="IBatchShare.RunInferenceShare"/> for each of <paramref name="shares"/> ranges of the batch of
    /// <paramref name="inputs"/> (<paramref name="inputLength"/> per sample), share 0 on the calling thread, each reading
    /// its own samples where they are. Returns how many shares ran: 1 (the whole batch) when another caller holds the
    /// compute threads.
    /// </summary>
    public static int RunInference(IBatchShare model, ReadOnlySpan<float> inputs, int inputLength, int batch, int shares)
    {
        fixed (float* x = inputs)
        {
            var job = new InferenceJob(model, x, inputLength, batch);
            return ComputeTeam.Run(&RunInferenceShare, Unsafe.AsPointer(ref job), shares);
        }
    }

    /// <summary>
    /// Calls <see cref="IBatchShare.RunShare"/> for each of <paramref name="shares"/> ranges of the batch of
    /// <paramref name="inputs"/> (<paramref name="inputLength"/> per sample) and <paramref name="targets"/>, share 0
    /// on the calling thread, then sums the shares' gradients into <paramref name="gradients"/> (share 0's own
    /// buffer; <paramref name="shareGradients"/> are the others'), each thread a range of them. With an
    /// <paramref name="optimizer"/> each thread then adds the L1/L2 penalties' gradients to its range and updates
    /// that range of the parameters: one step, and the ranges' parameters, moments and gradients stay in the cache
    /// of the thread that sums and updates them every step. Returns how many shares ran: 1 (the whole batch as
    /// share 0) when another caller holds the compute threads. Each share reads its own samples where they are.
    /// </summary>
    public static int Run(IBatchShare model, ReadOnlySpan<float> inputs, int inputLength, ReadOnlySpan<float> targets, int batch, int shares,
        float[] gradients, float[][] shareGradients, Optimizer? optimizer)
    {
        optimizer?.BeginRangedStep(gradients.Length);
        fixed (float* x = inputs, t = targets)
        {
            var job = new ShareJob(model, x, inputLength, t, targets.Length / batch, batch, gradients, shareGradients, optimizer);
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
        shareGradients = Buffers(shares - 1, parameterCount);
        shareLosses = new double[shares];
    }

    /// <summary>Multiplies a share's loss gradient by <c>count / batch</c>: the loss averaged over the share, now over the whole batch.</summary>
    public static void Rescale(Span<float> gradient, int count, int batch) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, (float)count / batch, gradient);

    // The job holds managed references: the arrays may move during a part, so parts read them through the job.
    // Not generic over the model: a function pointer to a shared generic instantiation allocated on its first calls.
    // The inputs and targets are pinned by Run, which waits for every part.
    private readonly struct ShareJob(IBatchShare model, float* inputs, int inputLength, float* targets, int targetLength, int batch,
        float[] gradients, float[][] shareGradients, Optimizer? optimizer)
    {
        public readonly IBatchShare Model = model;
        public readonly float* Inputs = inputs, Targets = targets;
        public readonly int InputLength = inputLength, TargetLength = targetLength, Batch = batch;
        public readonly float[] Gradients = gradients;
        public readonly float[][] ShareGradients = shareGradients;
        public readonly Optimizer? Optimizer = optimizer;
    }

    private readonly struct InferenceJob(IBatchShare model, float* inputs, int inputLength, int batch)
    {
        public readonly IBatchShare Model = model;
        public readonly float* Inputs = inputs;
        public readonly int InputLength = inputLength, Batch = batch;
    }

    private static void RunInferenceShare(void* arguments, int part, int parts)
    {
        ref InferenceJob job = ref Unsafe.AsRef<InferenceJob>(arguments);
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        int count = end - first;
        job.Model.RunInferenceShare(first, count, new ReadOnlySpan<float>(job.Inputs + (nint)first * job.InputLength, count * job.InputLength));
    }

    private static void RunShare(void* arguments, int part, int parts)
    {
        ref ShareJob job = ref Unsafe.AsRef<ShareJob>(arguments);
        var (first, end) = ComputeTeam.Range(job.Batch, part, parts);
        job.Model.RunShare(part, parts, first, end - first,
            new ReadOnlySpan<float>(job.Inputs, job.Batch * job.InputLength),
            new ReadOnlySpan<float>(job.Targets, job.Batch * job.TargetLength));

        ComputeTeam.WaitForEveryPart(parts);
        // A kernel split by rows has its gradients summed already, each share's rows by that share: its thread updates them.
        var (rows, rowLength) = job.Model.KernelRowsSplit;
        int splitKernel = rows * rowLength;
        if (splitKernel > 0)
        {
            var (rowStart, rowEnd) = DenseRowSplit.Rows(rows, part, parts);
            Update(ref job, rowStart * rowLength, rowEnd * rowLength);
        }
        var (start, stop) = ComputeTeam.Range(job.Gradients.Length - splitKernel, part, parts, grain: 16);
        start += splitKernel;
        stop += splitKernel;
        Span<float> gradients = job.Gradients.AsSpan(start, stop - start);
        for (int share = 0; share < parts - 1; share++)
            System.Numerics.Tensors.TensorPrimitives.Add(gradients, job.ShareGradients[share].AsSpan(start, stop - start), gradients);
        Update(ref job, start, stop);
    }

    // The L1/L2 penalties' gradients and the optimizer's step for parameters [start, stop), given an optimizer.
    private static void Update(ref ShareJob job, int start, int stop)
    {
        if (job.Optimizer is not { } optimizer || start >= stop) return;
        Training.Regularization.AddGradients(job.Model, start, stop);
        optimizer.StepRange(job.Model.Parameters, job.Gradients, start, stop - start);
    }

    /// <summary>
    /// Returns once every share of the running split step has called this: the barrier between the phases of a step
    /// whose first kernel is split by rows (<see cref="DenseRowSplit"/>), which every share must reach. A step that
    /// runs as one share passes at once.
    /// </summary>
    public static void WaitForEveryShare(int shares) => ComputeTeam.WaitForEveryPart(shares);

    /// <summary>
    /// Grows the other shares' partial sums of a kernel split by rows (<see cref="DenseRowSplit"/>) to
    /// <paramref name="length"/> floats each for <paramref name="shares"/> shares; share 0 sums into the layer's own buffer.
    /// </summary>
    public static void GrowPartialSums(ref float[][] partialSums, int shares, int length)
    {
        if (partialSums.Length >= shares - 1 && (shares == 1 || partialSums[0].Length >= length)) return;
        partialSums = Buffers(shares - 1, length);
    }

    // count buffers of length floats each: the per-share buffers beyond share 0's, which uses the model's own.
    private static float[][] Buffers(int count, int length)
    {
        var buffers = new float[count][];
        for (int i = 0; i < count; i++) buffers[i] = new float[length];
        return buffers;
    }
}

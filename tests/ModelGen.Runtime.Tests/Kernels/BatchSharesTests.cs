using System.Collections.Concurrent;
using ModelGen.Optimizers;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="BatchShares"/>: each share gets its own range of the batch (or the whole batch when the
/// threads are busy, which the returned count must say), the shares' gradients are summed into share 0's buffer,
/// an optimizer given updates every parameter once, and a share's loss gradient is rescaled to the whole batch.
/// </summary>
[Collection(ComputeTeamTests.ComputeTeamCollection)]
public sealed class BatchSharesTests
{
    /// <summary>Tests in other classes may hold the threads for a moment, so the step is retried until it gets them.</summary>
    [Fact]
    public void Each_share_runs_once_on_its_own_range()
    {
        using var threads = new ComputeThreadsScope(2);
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var model = new RecordingModel();
            if (Run(model, batch: 51, shares: 2) == 1)
            {
                Assert.Equal([(0, 0, 51)], model.Calls);
                continue;
            }
            Assert.Equal([(0, 0, 26), (1, 26, 25)], model.Calls.OrderBy(call => call.Share));
            // Each share sees its own samples' inputs (3 per sample) and targets (2 per sample), and only those.
            Assert.Equal([(0, 0f, 78, 0f, 52), (1, 26 * 3, 75, 26 * 2, 50)], model.Samples.OrderBy(seen => seen.Share));
            return;
        }
        Assert.Fail("The compute threads stayed busy for 1000 attempts.");
    }

    [Fact]
    public void Each_inference_share_runs_once_on_its_own_samples()
    {
        using var threads = new ComputeThreadsScope(2);
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var model = new RecordingModel();
            if (BatchShares.RunInference(model, Indices(51 * 3), 3, batch: 51, shares: 2) == 1)
            {
                Assert.Equal([(0, 51, 0f, 153)], model.InferenceCalls);
                continue;
            }
            Assert.Equal([(0, 26, 0f, 78), (26, 25, 78f, 75)], model.InferenceCalls.OrderBy(call => call.First));
            return;
        }
        Assert.Fail("The compute threads stayed busy for 1000 attempts.");
    }

    /// <summary>Other test classes may set the thread count meanwhile, so the split case is retried until it sees two.</summary>
    [Fact]
    public void Inference_splits_from_a_quarter_of_a_million_multiply_adds_with_eight_samples_a_share()
    {
        using var threads = new ComputeThreadsScope(2);
        Assert.Equal(1, BatchShares.InferenceCount(batch: 255, multiplyAddsPerSample: 1024));
        Assert.Equal(1, BatchShares.InferenceCount(batch: 15, multiplyAddsPerSample: 1 << 20));
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            using var again = new ComputeThreadsScope(2);
            if (BatchShares.InferenceCount(batch: 256, multiplyAddsPerSample: 1024) == 2) return;
        }
        Assert.Fail("256 samples of 1024 multiply-adds never took two shares.");
    }

    [Fact]
    public void A_step_started_while_the_threads_are_busy_runs_the_whole_batch_as_share_zero()
    {
        var inner = new RecordingModel();
        var outer = new RecordingModel(share => share == 0 ? Run(inner, batch: 51, shares: 2) : 0);

        using (new ComputeThreadsScope(2)) Run(outer, batch: 20, shares: 2);

        Assert.Equal(1, outer.Results[0]);
        Assert.Equal([(0, 0, 51)], inner.Calls);
    }

    [Fact]
    public void The_shares_gradients_are_summed_into_share_zeros_buffer()
    {
        using var threads = new ComputeThreadsScope(2);
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var model = new RecordingModel();
            int shares = Run(model, batch: 51, shares: 2);
            // Share s writes (s + 1) * (i + 1) at i: summed, share 0's buffer holds (1 + 2) * (i + 1) after two shares.
            int sum = shares == 2 ? 3 : 1;
            Assert.Equal([.. Enumerable.Range(1, RecordingModel.ParameterCount).Select(i => (float)(sum * i))], model.Gradients.ToArray());
            if (shares == 2) return;
        }
        Assert.Fail("The compute threads stayed busy for 1000 attempts.");
    }

    /// <summary>
    /// Given an optimizer, each thread updates the parameters whose gradients it summed (40 parameters split as 32
    /// and 8), after adding the L1/L2 penalties' gradients: plain SGD at rate 1 leaves <c>p - g - 2 l2 p</c>.
    /// </summary>
    [Fact]
    public void With_an_optimizer_each_thread_updates_its_range_of_parameters()
    {
        using var threads = new ComputeThreadsScope(2);
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            var model = new RecordingModel();
            model.Parameters.Fill(10f);
            var optimizer = new Sgd(learningRate: 1f);
            int shares = Run(model, batch: 51, shares: 2, optimizer);
            int sum = shares == 2 ? 3 : 1;
            // The first 20 parameters carry an L2 of 0.25: their penalty gradient is 2 * 0.25 * 10 = 5.
            float[] expected = [.. Enumerable.Range(1, RecordingModel.ParameterCount).Select(i => 10f - sum * i - (i <= 20 ? 5f : 0f))];
            Assert.Equal(expected, model.Parameters.ToArray());
            Assert.Equal(1, optimizer.Iterations);
            if (shares == 2) return;
        }
        Assert.Fail("The compute threads stayed busy for 1000 attempts.");
    }

    [Fact]
    public void Grow_sizes_the_buffers_for_more_shares_and_keeps_them_for_fewer()
    {
        float[][] gradients = [];
        double[] losses = [];

        BatchShares.Grow(ref gradients, ref losses, shares: 3, parameterCount: 7);
        float[][] grown = gradients;
        BatchShares.Grow(ref gradients, ref losses, shares: 2, parameterCount: 7);

        Assert.Equal(2, gradients.Length);
        Assert.All(gradients, buffer => Assert.Equal(7, buffer.Length));
        Assert.Equal(3, losses.Length);
        Assert.Same(grown, gradients);
    }

    [Fact]
    public void Rescale_turns_a_share_mean_into_a_batch_mean()
    {
        float[] gradient = [1f, -2f, 4f];

        BatchShares.Rescale(gradient, count: 3, batch: 12);

        Assert.Equal([0.25f, -0.5f, 1f], gradient);
    }

    [Theory]
    [InlineData(2, 128, 109_184, 2)] // the MNIST MLP
    [InlineData(2, 128, 10, 1)] // too little work to wake a thread
    [InlineData(2, 15, 109_184, 1)] // shares under 8 samples
    [InlineData(1, 128, 109_184, 1)]
    public void Count_splits_only_work_that_pays(int threads, int batch, long multiplyAdds, int expected)
    {
        using (new ComputeThreadsScope(threads)) Assert.Equal(expected, BatchShares.Count(batch, multiplyAdds));
    }

    // Inputs of 3 values and targets of 2 per sample, each value its index in the batch's buffer.
    private static int Run(RecordingModel model, int batch, int shares, Optimizer? optimizer = null) =>
        BatchShares.Run(model, Indices(batch * 3), 3, Indices(batch * 2), batch, shares, model.GradientBuffer, model.ShareGradients, optimizer);

    private static float[] Indices(int count) => [.. Enumerable.Range(0, count).Select(i => (float)i)];

    // A model of 40 parameters whose shares record what they see and write (share + 1) * (i + 1) as gradient i.
    private sealed class RecordingModel(Func<int, int>? work = null) : IBatchShare
    {
        public const int ParameterCount = 40;

        private readonly float[] _parameters = new float[ParameterCount];

        public float[] GradientBuffer { get; } = new float[ParameterCount];

        public float[][] ShareGradients { get; } = [new float[ParameterCount]];

        public ConcurrentBag<(int Share, int First, int Count)> Calls { get; } = [];

        public ConcurrentBag<(int Share, float FirstInput, int Inputs, float FirstTarget, int Targets)> Samples { get; } = [];

        public int[] Results { get; } = new int[2];

        public IReadOnlyList<ParameterTensor> ParameterTensors { get; } =
        [
            new("penalized", Offset: 0, Shape: [20], FileLayout.Same, L1: 0f, L2: 0.25f),
            new("free", Offset: 20, Shape: [20], FileLayout.Same, L1: 0f, L2: 0f),
        ];

        public Span<float> Parameters => _parameters;

        public Span<float> Gradients => GradientBuffer;

        public void RunShare(int share, int shares, int first, int count, ReadOnlySpan<float> batchInputs, ReadOnlySpan<float> batchTargets)
        {
            ReadOnlySpan<float> inputs = batchInputs.Slice(first * 3, count * 3), targets = batchTargets.Slice(first * 2, count * 2);
            Calls.Add((share, first, count));
            Samples.Add((share, inputs[0], inputs.Length, targets[0], targets.Length));
            float[] gradients = share == 0 ? GradientBuffer : ShareGradients[share - 1];
            for (int i = 0; i < gradients.Length; i++) gradients[i] = (share + 1) * (i + 1);
            if (work is not null) Results[share] = work(share);
        }

        public ConcurrentBag<(int First, int Count, float FirstInput, int Inputs)> InferenceCalls { get; } = [];

        public void RunInferenceShare(int first, int count, ReadOnlySpan<float> inputs) =>
            InferenceCalls.Add((first, count, inputs[0], inputs.Length));

        public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Optimizer? optimizer, out bool stepped) =>
            throw new NotSupportedException();

        public int InputLength => 3;

        public int OutputLength => 1;

        public int TargetLength => 2;

        public Loss Loss => Loss.MeanSquaredError;

        public ReadOnlySpan<float> LastOutputs => throw new NotSupportedException();

        public void EnsureBatchCapacity(int batchSize) => throw new NotSupportedException();

        public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

        public void PredictOnBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

        public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient) => throw new NotSupportedException();

        public void ZeroGradients() => throw new NotSupportedException();

        public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw new NotSupportedException();

        public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw new NotSupportedException();

        public string Summary() => throw new NotSupportedException();
    }
}

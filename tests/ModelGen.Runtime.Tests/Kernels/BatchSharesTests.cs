using System.Collections.Concurrent;
using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="BatchShares"/>: each share gets its own range of the batch (or the whole batch when the
/// threads are busy, which the returned count must say), the shares' gradients are summed on one thread
/// or two, and a share's loss gradient is rescaled to the whole batch.
/// </summary>
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
    public void A_step_started_while_the_threads_are_busy_runs_the_whole_batch_as_share_zero()
    {
        var inner = new RecordingModel();
        var outer = new RecordingModel(share => share == 0 ? Run(inner, batch: 51, shares: 2) : 0);

        using (new ComputeThreadsScope(2)) Run(outer, batch: 20, shares: 2);

        Assert.Equal(1, outer.Results[0]);
        Assert.Equal([(0, 0, 51)], inner.Calls);
    }

    [Theory]
    [InlineData(1, 100, 1)]
    [InlineData(2, 100, 1)]
    [InlineData(2, 40_003, 1)] // split over two threads
    [InlineData(2, 40_003, 3)]
    public void Sum_adds_every_share_into_the_gradients(int threads, int length, int count)
    {
        var random = new Random(length + count);
        float[] gradients = RandomFloats.Uniform(random, length);
        float[][] shares = [.. Enumerable.Range(0, count + 1).Select(_ => RandomFloats.Uniform(random, length))];
        float[] expected = [.. gradients.Select((g, i) => g + Enumerable.Range(0, count).Sum(s => shares[s][i]))];

        using (new ComputeThreadsScope(threads)) BatchShares.Sum(gradients, shares, count);

        // The last share lies beyond count and must be left out.
        NumericAssert.Close(Array.ConvertAll(expected, e => (double)e), gradients, 1e-6, 1e-6, "summed gradients");
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
    private static int Run(IBatchShare model, int batch, int shares) =>
        BatchShares.Run(model, Indices(batch * 3), 3, Indices(batch * 2), batch, shares);

    private static float[] Indices(int count) => [.. Enumerable.Range(0, count).Select(i => (float)i)];

    private sealed class RecordingModel(Func<int, int>? work = null) : IBatchShare
    {
        public ConcurrentBag<(int Share, int First, int Count)> Calls { get; } = [];

        public ConcurrentBag<(int Share, float FirstInput, int Inputs, float FirstTarget, int Targets)> Samples { get; } = [];

        public int[] Results { get; } = new int[2];

        public void RunShare(int share, int first, int count, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            Calls.Add((share, first, count));
            Samples.Add((share, inputs[0], inputs.Length, targets[0], targets.Length));
            if (work is not null) Results[share] = work(share);
        }
    }
}

namespace ModelGen.Kernels;

/// <summary>
/// A copy split over the compute threads when it is large: the batch's inputs that a forward pass keeps
/// for backward (MNIST at batch 256: 800 KB), which on one thread is serial time the other threads wait out.
/// </summary>
public static unsafe class ParallelCopy
{
    // From 256 KB on (a share of 128 KB or more per thread), a second thread's share outlasts waking it.
    private const int MinimumSplitLength = 1 << 16;

    /// <summary>Copies <paramref name="source"/> into the start of <paramref name="destination"/>, which must be at least as long.</summary>
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"Expected at least {source.Length} floats in {nameof(destination)}, got {destination.Length}.", nameof(destination));
        int threads = source.Length >= MinimumSplitLength ? ComputeTeam.Threads(source.Length / (MinimumSplitLength / 2)) : 1;
        if (threads == 1)
        {
            source.CopyTo(destination);
            return;
        }
        fixed (float* from = source, to = destination)
        {
            var job = new Job(from, to, source.Length);
            ComputeTeam.Run(&Part, &job, threads);
        }
    }

    private readonly struct Job(float* source, float* destination, int length)
    {
        public readonly float* Source = source, Destination = destination;
        public readonly int Length = length;
    }

    private static void Part(void* arguments, int part, int parts)
    {
        ref Job job = ref *(Job*)arguments;
        var (start, end) = ComputeTeam.Range(job.Length, part, parts, grain: 16);
        new ReadOnlySpan<float>(job.Source + start, end - start).CopyTo(new Span<float>(job.Destination + start, end - start));
    }
}

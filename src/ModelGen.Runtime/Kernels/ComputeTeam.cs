namespace ModelGen.Kernels;

/// <summary>
/// Long-lived worker threads that run the parts of a <see cref="ProductJob"/> beside the calling
/// thread. Workers spin briefly before sleeping, so the back-to-back products of one training step
/// find them awake; nothing is allocated per job, and a second caller that finds the team busy
/// runs its job alone rather than queueing.
/// </summary>
internal static class ComputeTeam
{
    // Spins before a wait blocks: long enough to bridge the gap between the layers of one step.
    private const int SpinCount = 2000;

    private static readonly Lock s_gate = new();
    private static readonly ManualResetEventSlim s_done = new(false, SpinCount);
    private static Worker[] s_workers = [];
    private static ProductJob s_job;
    private static int s_parts;
    private static int s_pending;

    /// <summary>Runs <paramref name="job"/> in <paramref name="threads"/> parts, the caller taking the first.</summary>
    public static void Run(in ProductJob job, int threads)
    {
        if (!s_gate.TryEnter())
        {
            job.RunPart(0, 1);
            return;
        }
        try
        {
            EnsureWorkers(threads - 1);
            s_job = job;
            s_parts = threads;
            s_pending = threads - 1;
            s_done.Reset();
            for (int w = 0; w < threads - 1; w++) s_workers[w].Start.Set();
            job.RunPart(0, threads);
            s_done.Wait();
        }
        finally
        {
            s_gate.Exit();
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (s_workers.Length >= count) return;
        var workers = new Worker[count];
        s_workers.CopyTo(workers, 0);
        for (int w = s_workers.Length; w < count; w++) workers[w] = new Worker(part: w + 1);
        s_workers = workers;
    }

    private sealed class Worker
    {
        public readonly ManualResetEventSlim Start = new(false, SpinCount);
        private readonly int _part;

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"ModelGen compute {part}" }.Start();
        }

        private void Loop()
        {
            while (true)
            {
                Start.Wait();
                Start.Reset();
                s_job.RunPart(_part, s_parts);
                if (Interlocked.Decrement(ref s_pending) == 0) s_done.Set();
            }
        }
    }
}

namespace ModelGen.Kernels;

/// <summary>
/// Long-lived worker threads that run parts of one job beside the calling thread. A job is a static
/// function and a pointer to its arguments on the caller's stack, which stays alive because the
/// caller waits for every part: nothing is allocated per job. Workers spin briefly before sleeping,
/// so the back-to-back kernels of one training step find them awake; a second caller that finds
/// the team busy runs its job alone rather than queueing.
/// </summary>
internal static unsafe class ComputeTeam
{
    // Spins before a wait blocks: long enough to bridge the gap between the layers of one step.
    private const int SpinCount = 2000;

    private static readonly Lock s_gate = new();
    private static readonly ManualResetEventSlim s_done = new(false, SpinCount);
    private static Worker[] s_workers = [];
    private static delegate*<void*, int, int, void> s_work;
    private static void* s_arguments;
    private static int s_parts;
    private static int s_pending;

    /// <summary>The threads a job may use now: <see cref="ComputeThreads.Count"/>, capped by <paramref name="pieces"/>.</summary>
    public static int Threads(int pieces) => Math.Max(1, Math.Min(ComputeThreads.Count, pieces));

    /// <summary>
    /// Runs <c>work(arguments, part, parts)</c> for every part in <c>[0, parts)</c>, the caller taking part 0,
    /// and returns when all are done. Each part must write memory no other part touches.
    /// </summary>
    public static void Run(delegate*<void*, int, int, void> work, void* arguments, int parts)
    {
        if (parts <= 1 || !s_gate.TryEnter())
        {
            for (int part = 0; part < parts; part++) work(arguments, part, parts);
            return;
        }
        try
        {
            EnsureWorkers(parts - 1);
            s_work = work;
            s_arguments = arguments;
            s_parts = parts;
            s_pending = parts - 1;
            s_done.Reset();
            for (int w = 0; w < parts - 1; w++) s_workers[w].Start.Set();
            work(arguments, 0, parts);
            s_done.Wait();
        }
        finally
        {
            s_gate.Exit();
        }
    }

    /// <summary>The half-open range of <paramref name="count"/> items that part <paramref name="part"/> of <paramref name="parts"/> takes, in multiples of <paramref name="grain"/>.</summary>
    public static (int Start, int End) Range(int count, int part, int parts, int grain = 1)
    {
        int band = (count + parts - 1) / parts;
        band = (band + grain - 1) / grain * grain;
        int start = Math.Min(count, part * band);
        return (start, Math.Min(count, start + band));
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
                s_work(s_arguments, _part, s_parts);
                if (Interlocked.Decrement(ref s_pending) == 0) s_done.Set();
            }
        }
    }
}

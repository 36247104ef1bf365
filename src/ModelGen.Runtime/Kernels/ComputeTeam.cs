namespace ModelGen.Kernels;

/// <summary>
/// Long-lived worker threads that run parts of one job beside the calling thread. A job is a static
/// function and a pointer to its arguments on the caller's stack, which stays alive because the
/// caller waits for every part: nothing is allocated per job. Workers and the waiting caller spin on
/// a counter for a while before they block (plain busy-waiting with <see cref="Thread.SpinWait"/>, not
/// <see cref="SpinWait"/>, whose back-off sleeps for a millisecond), so the back-to-back kernels of
/// one training step find the workers awake; a second caller that finds the team busy runs its job
/// alone rather than queueing.
/// </summary>
internal static unsafe class ComputeTeam
{
    // Busy-wait rounds before a wait blocks, each Thread.SpinWait(Pause), about 40 ns here: some 200 µs,
    // which bridges the serial work between the kernels of one step (an MLP's Adam update takes 60 µs;
    // waking a blocked worker cost more than that) yet gives the core back soon when other processes
    // want it. Short rounds see a new job or the last part's end soon: rounds of half a microsecond
    // cost a small model's split step (the tutorial classifier's, 13 µs) about that much at each end.
    private const int SpinRounds = 5000;
    private const int Pause = 1;

    private static readonly Lock s_gate = new();
    private static readonly ManualResetEventSlim s_done = new(false, 0);
    private static bool s_active;
    private static Worker[] s_workers = [];
    private static JobLine s_job;
    private static PaddedCounter s_pending;
    private static PaddedCounter s_arrivals;
    private static PaddedCounter s_callerBlocked;

    // A counter alone on its cache line: parts spinning on it must not pull the line from a thread writing beside it.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public int Value;
    }

    // The job and the announcement that publishes it, alone on one cache line that the caller writes in one burst
    // and a spinning worker reads in one transfer.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct JobLine
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public delegate*<void*, int, int, void> Work;
        [System.Runtime.InteropServices.FieldOffset(72)] public void* Arguments;
        // The job's number and its part count in one word, read at once. A worker the job leaves out reads nothing
        // else; when the count was a field of its own, such a worker, descheduled between its reads, could take the
        // next job's count while the caller was still writing that job, and run its part of it twice.
        [System.Runtime.InteropServices.FieldOffset(80)] public long Announcement;
    }

    // The announcement's low bits: the part count, and the mask that reads it back.
    private const int PartBits = 16;
    private const int MaximumParts = (1 << PartBits) - 1;

    // Below this many multiply-adds (about 10 µs on one core) waking a second thread costs more than it saves.
    private const long MinimumSplitWork = 1 << 20;

    /// <summary>The threads a job may use now: <see cref="ComputeThreads.Count"/>, capped by <paramref name="pieces"/>.</summary>
    public static int Threads(int pieces) => Math.Max(1, Math.Min(ComputeThreads.Count, pieces));

    /// <summary>As <see cref="Threads(int)"/>, but one thread for a job of fewer than about a million multiply-adds.</summary>
    public static int Threads(int pieces, long multiplyAdds) => multiplyAdds >= MinimumSplitWork ? Threads(pieces) : 1;

    /// <summary>
    /// Runs <c>work(arguments, part, parts)</c> for every part in <c>[0, parts)</c>, the caller taking part 0,
    /// and returns when all are done; when the team is busy it runs <c>work(arguments, 0, 1)</c> instead.
    /// Each part must write memory no other part touches. Returns the number of parts that ran.
    /// </summary>
    public static int Run(delegate*<void*, int, int, void> work, void* arguments, int parts)
    {
        // The gate is reentrant: a job started from inside the caller's own part (a product inside a
        // convolution's share of the batch) finds the team active and must not reuse its busy workers.
        parts = Math.Min(parts, MaximumParts);
        bool entered = parts > 1 && s_gate.TryEnter();
        if (entered && s_active)
        {
            s_gate.Exit();
            entered = false;
        }
        if (!entered)
        {
            // Alone, the caller runs the job as one part: parts beyond the first would need buffers of
            // their own (a convolution's patches), which the calling thread should not have to grow.
            work(arguments, 0, 1);
            return 1;
        }
        s_active = true;
        try
        {
            EnsureWorkers(parts - 1);
            // Plain stores, then one release of the announcement: no fence between them sends the job line away.
            s_pending.Value = parts - 1;
            s_arrivals.Value = 0;
            s_job.Work = work;
            s_job.Arguments = arguments;
            long number = (s_job.Announcement >> PartBits) + 1;
            Volatile.Write(ref s_job.Announcement, number << PartBits | (uint)parts);
            for (int w = 0; w < parts - 1; w++) s_workers[w].Start.Set();
            work(arguments, 0, parts);
            WaitForWorkers();
        }
        finally
        {
            s_active = false;
            s_gate.Exit();
        }
        return parts;
    }

    // Spins, then blocks, until the workers' parts are done. The last worker sets s_done only when the caller says it
    // blocks (s_callerBlocked), so a job whose caller never blocked leaves the event alone rather than resetting it
    // every time. The caller's exchange and the worker's decrement are both full fences: either the caller sees the
    // count at zero, or the worker sees the flag.
    private static void WaitForWorkers()
    {
        for (int round = 0; round < SpinRounds; round++)
        {
            if (Volatile.Read(ref s_pending.Value) == 0) return;
            Thread.SpinWait(Pause);
        }
        Interlocked.Exchange(ref s_callerBlocked.Value, 1);
        // The event may still be set by a worker of an earlier job that saw the flag late: each wake rechecks the count.
        while (Volatile.Read(ref s_pending.Value) != 0)
        {
            s_done.Wait();
            s_done.Reset();
        }
        s_callerBlocked.Value = 0;
    }

    /// <summary>
    /// Returns once every part of the running job has called this: a barrier between two phases of one job, which
    /// every part must reach, as often as the job has phases. Each part runs on a thread of its own, so waiting cannot
    /// stall the others. A job running as one part (<see cref="Run"/> returned 1) need not call it.
    /// </summary>
    public static void WaitForEveryPart(int parts)
    {
        if (parts == 1) return;
        // No part reaches barrier k + 1 before every part has passed barrier k, so the arrivals at barrier k hold
        // tickets ((k - 1) * parts, k * parts]: each waits for the last ticket of its own barrier.
        int ticket = Interlocked.Increment(ref s_arrivals.Value);
        int last = (ticket + parts - 1) / parts * parts;
        while (Volatile.Read(ref s_arrivals.Value) < last) Thread.SpinWait(Pause);
    }

    /// <summary>The half-open range of <paramref name="count"/> items that part <paramref name="part"/> of <paramref name="parts"/> takes, in multiples of <paramref name="grain"/>.</summary>
    public static (int Start, int End) Range(int count, int part, int parts, int grain = 1)
    {
        int band = (count + parts - 1) / parts;
        band = (band + grain - 1) / grain * grain;
        int start = Math.Min(count, part * band);
        return (start, Math.Min(count, start + band));
    }

    /// <summary>Starts workers up to <paramref name="count"/> now, so that the first job pays nothing for them.</summary>
    public static void Prepare(int count)
    {
        lock (s_gate) EnsureWorkers(count);
    }

    private static void EnsureWorkers(int count)
    {
        if (s_workers.Length >= count) return;
        // An event allocates its lock on the first wait that blocks: block once here (1 ms, unset) so that no
        // step allocates when it first waits for a slow worker.
        if (s_workers.Length == 0) s_done.Wait(1);
        var workers = new Worker[count];
        s_workers.CopyTo(workers, 0);
        for (int w = s_workers.Length; w < count; w++) workers[w] = new Worker(part: w + 1);
        s_workers = workers;
    }

    private sealed class Worker
    {
        public readonly ManualResetEventSlim Start = new(false, 0);
        private readonly int _part;

        public Worker(int part)
        {
            _part = part;
            Start.Wait(1); // allocates Start's lock now rather than in the worker's first blocking wait
            new Thread(Loop) { IsBackground = true, Name = $"ModelGen compute {part}" }.Start();
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                // Start stays set after a job the worker took while spinning; then the wait below
                // returns at once, the reset clears it, and the loop spins or blocks afresh.
                for (int round = 0; Volatile.Read(ref s_job.Announcement) == seen; round++)
                {
                    if (round < SpinRounds) Thread.SpinWait(Pause);
                    else
                    {
                        Start.Wait();
                        Start.Reset();
                    }
                }
                seen = Volatile.Read(ref s_job.Announcement);
                int parts = (int)(seen & MaximumParts);
                // A job this worker takes part in waits for it, so the caller leaves the line alone until then.
                if (_part < parts) s_job.Work(s_job.Arguments, _part, parts);
                else continue;
                if (Interlocked.Decrement(ref s_pending.Value) == 0 && Volatile.Read(ref s_callerBlocked.Value) != 0) s_done.Set();
            }
        }
    }
}

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="ComputeTeam.Run"/> runs every part of every job exactly once and returns only when all are done:
/// over jobs that leave some workers out (a worker left out must not take the next job's part twice), and over
/// jobs whose worker part outlasts the caller's spinning, so that the caller blocks and the last worker wakes it.
/// The jobs name their part counts, so these tests leave <see cref="ComputeThreads.Count"/> alone: other tests, running
/// beside them, compare bits across runs that read it. A job that finds the team busy runs as one part, as it should.
/// They share a collection with <see cref="BatchSharesTests"/>, whose steps retry while the team is busy, so that
/// twenty thousand jobs here cannot keep it busy through all of their attempts.
/// </summary>
[Collection(ComputeTeamCollection)]
public sealed unsafe class ComputeTeamTests
{
    /// <summary>Test classes that hold the compute team for long, or need it free: xunit runs them one at a time.</summary>
    public const string ComputeTeamCollection = "Compute team";

    private struct Counts
    {
        public fixed int Runs[4];
        public int SleepMilliseconds;
    }

    private static void CountPart(void* arguments, int part, int parts)
    {
        var counts = (Counts*)arguments;
        if (part > 0 && counts->SleepMilliseconds > 0) Thread.Sleep(counts->SleepMilliseconds);
        Interlocked.Increment(ref counts->Runs[part]);
    }

    // Tests that run beside these ones may hold the team for a while: keep trying until enough jobs have split.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Every_part_runs_once_when_jobs_leave_workers_out()
    {
        int split = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int job = 0; split < 20_000 && clock.Elapsed < Patience; job++)
        {
            int parts = 2 + job % 2;
            var counts = new Counts();
            int ran = ComputeTeam.Run(&CountPart, &counts, parts);
            if (ran > 1) split++;
            for (int part = 0; part < 4; part++)
                Assert.True(counts.Runs[part] == (part < ran ? 1 : 0), $"job {job} of {ran} parts: part {part} ran {counts.Runs[part]} times");
        }
        Assert.Equal(20_000, split);
    }

    [Fact]
    public void The_caller_waits_for_a_worker_slower_than_its_spinning()
    {
        // Alternate slow and quick jobs: a quick one may find the event set late by the slow one before it.
        int split = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (split < 6 && clock.Elapsed < Patience)
        {
            var counts = new Counts { SleepMilliseconds = split % 2 == 0 ? 5 : 0 };
            int ran = ComputeTeam.Run(&CountPart, &counts, 2);
            Assert.Equal(1, counts.Runs[0]);
            Assert.Equal(ran == 2 ? 1 : 0, Volatile.Read(ref counts.Runs[1]));
            if (ran == 2) split++;
        }
        Assert.Equal(6, split);
    }
}

using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="ComputeTeam.Run"/> runs every part of every job exactly once and returns only when all are done:
/// over jobs that leave some workers out (a worker left out must not take the next job's part twice), and over
/// jobs whose worker part outlasts the caller's spinning, so that the caller blocks and the last worker wakes it.
/// </summary>
public sealed unsafe class ComputeTeamTests
{
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

    [Fact]
    public void Every_part_runs_once_when_jobs_leave_workers_out()
    {
        using (new ComputeThreadsScope(3))
        {
            for (int job = 0; job < 20_000; job++)
            {
                int parts = 2 + job % 2;
                var counts = new Counts();
                int ran = ComputeTeam.Run(&CountPart, &counts, parts);
                for (int part = 0; part < 4; part++)
                    Assert.True(counts.Runs[part] == (part < ran ? 1 : 0), $"job {job} of {ran} parts: part {part} ran {counts.Runs[part]} times");
            }
        }
    }

    [Fact]
    public void The_caller_waits_for_a_worker_slower_than_its_spinning()
    {
        using (new ComputeThreadsScope(2))
        {
            for (int job = 0; job < 6; job++)
            {
                // Alternate slow and quick jobs: a quick one may find the event set late by the slow one before it.
                var counts = new Counts { SleepMilliseconds = job % 2 == 0 ? 5 : 0 };
                int ran = ComputeTeam.Run(&CountPart, &counts, 2);
                Assert.Equal(2, ran);
                Assert.Equal(1, counts.Runs[0]);
                Assert.Equal(1, Volatile.Read(ref counts.Runs[1]));
            }
        }
    }
}

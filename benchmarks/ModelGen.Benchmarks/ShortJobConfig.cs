using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ModelGen.Benchmarks;

/// <summary>
/// One launch, 3 warmup and 10 measured iterations, workstation non-concurrent GC: enough for
/// stable per-sample figures while the whole suite finishes in a few minutes on a two-core machine,
/// and no background GC thread competes with the one thread being measured.
/// </summary>
public sealed class ShortJobConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ShortJobConfig() => AddJob(Job.Default
        .WithId("Short")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithGcServer(false)
        .WithGcConcurrent(false));
}

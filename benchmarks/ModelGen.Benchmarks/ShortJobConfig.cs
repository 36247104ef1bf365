using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ModelGen.Benchmarks;

/// <summary>
/// One launch, 3 warmup and 10 measured iterations, workstation non-concurrent GC: enough for
/// stable per-sample figures while the whole suite finishes in a few minutes on a two-core machine,
/// and no background GC thread competes with the threads being measured.
/// </summary>
/// <remarks>
/// Each benchmark runs in a process built from a project BenchmarkDotNet generates, which copies
/// TorchSharp's native library from the package cache and ignores this project's imports. The job
/// passes that build the targets that make the library loadable on Debian 12
/// (benchmarks/tools/TorchSharpOnDebian.targets), through MSBuild's standard hook for targets
/// imported after everything else.
/// </remarks>
public sealed class ShortJobConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ShortJobConfig() => AddJob(Job.Default
        .WithId("Short")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithGcServer(false)
        .WithGcConcurrent(false)
        .WithArguments([new MsBuildArgument($"/p:CustomAfterMicrosoftCommonTargets={TorchSharpOnDebianTargets}")]));

    // Written into the assembly by the project file, where the path is known.
    private static string TorchSharpOnDebianTargets =>
        typeof(ShortJobConfig).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == nameof(TorchSharpOnDebianTargets)).Value!;
}

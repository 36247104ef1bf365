using System.Runtime.InteropServices;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>What a reader needs to compare these numbers with their own: the processor, the runtimes, the load.</summary>
internal static class MachineReport
{
    /// <summary>Processor, core count, operating system, .NET and libtorch versions, one line each.</summary>
    public static string Describe() =>
        $"""
        CPU: {CpuModel()}, {Environment.ProcessorCount} logical processors
        OS: {RuntimeInformation.OSDescription}
        .NET: {RuntimeInformation.FrameworkDescription}
        TorchSharp: {typeof(TorchSharp.torch).Assembly.GetName().Version}
        """;

    /// <summary>The 1, 5 and 15 minute load averages, or a note where the system does not publish them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "not available on this system";

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
        string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}

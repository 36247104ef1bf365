using System.Globalization;

namespace ModelGen.Benchmarks;

/// <summary>
/// How busy the machine was while benchmarks ran: the 1-minute load average at the start, at the
/// end and the highest seen in between (sampled every 5 s by the host process, which is idle while
/// BenchmarkDotNet's child processes measure). The benchmark itself accounts for about as many as
/// the threads it runs; anything above that is other work, which moves multi-threaded rows most.
/// </summary>
internal sealed class LoadMonitor : IDisposable
{
    private const string LoadAverageFile = "/proc/loadavg";

    private readonly double? _start = Sample();
    private readonly Timer _timer;
    private double? _highest;

    /// <summary>Starts sampling.</summary>
    public LoadMonitor()
    {
        _highest = _start;
        _timer = new Timer(_ => Record(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>One line for the report; call it after the run.</summary>
    public string Describe()
    {
        double? end = Sample();
        Record();
        return _start is { } start && end is { } last && _highest is { } highest
            ? string.Create(CultureInfo.InvariantCulture,
                $"1-minute load average: {start:F2} at the start, {last:F2} at the end, at most {highest:F2} in between (sampled every 5 s).")
            : "Load average: not published by this system.";
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    private void Record()
    {
        if (Sample() is { } load)
        {
            lock (_timer) _highest = Math.Max(_highest ?? load, load);
        }
    }

    private static double? Sample() =>
        File.Exists(LoadAverageFile)
            ? double.Parse(File.ReadAllText(LoadAverageFile).Split(' ')[0], CultureInfo.InvariantCulture)
            : null;
}

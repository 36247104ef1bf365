using System.Diagnostics;
using ModelGen.Training;

namespace FashionMnistSample;

/// <summary>Times each epoch of <c>Fit</c> (training only, the progress line includes it too).</summary>
internal sealed class EpochTimer : Callback
{
    private readonly List<double> _seconds = [];
    private readonly Stopwatch _watch = new();

    public double Mean => _seconds.Count == 0 ? double.NaN : _seconds.Average();

    public override void OnTrainBegin(FitContext context) => _watch.Restart();

    public override void OnEpochEnd(int epoch, EpochLogs logs, FitContext context)
    {
        _seconds.Add(_watch.Elapsed.TotalSeconds);
        _watch.Restart();
    }
}

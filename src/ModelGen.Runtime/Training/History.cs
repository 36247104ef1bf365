namespace ModelGen.Training;

/// <summary>Per-epoch loss and metrics recorded by <c>Fit</c>, as Keras' <c>History.history</c>.</summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _metrics = new(StringComparer.Ordinal);

    /// <summary>Every recorded series by name: <c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, <c>val_accuracy</c>.</summary>
    public IReadOnlyDictionary<string, List<double>> Metrics => _metrics;

    /// <summary>The series named <paramref name="metric"/>.</summary>
    public IReadOnlyList<double> this[string metric] =>
        _metrics.TryGetValue(metric, out List<double>? values) ? values
            : throw new KeyNotFoundException($"No metric '{metric}' was recorded; recorded: {string.Join(", ", _metrics.Keys)}.");

    /// <summary>Training loss per epoch (penalties included).</summary>
    public IReadOnlyList<double> Loss => this["loss"];

    /// <summary>Number of epochs run.</summary>
    public int Epochs => _metrics.TryGetValue("loss", out List<double>? loss) ? loss.Count : 0;

    internal void Add(EpochLogs logs)
    {
        foreach ((string name, double value) in logs)
        {
            if (!_metrics.TryGetValue(name, out List<double>? series)) _metrics[name] = series = [];
            series.Add(value);
        }
    }
}

namespace ModelGen.Training;

/// <summary>Stops training when a monitored metric has stopped improving (Keras' <c>EarlyStopping</c>).</summary>
/// <param name="monitor">Metric to watch, for example <c>val_loss</c> or <c>val_accuracy</c>.</param>
/// <param name="patience">Epochs without improvement before stopping.</param>
/// <param name="minDelta">Smallest change that counts as an improvement.</param>
/// <param name="restoreBestWeights">Whether to put back the weights of the best epoch when training ends.</param>
public sealed class EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, bool restoreBestWeights = false) : Callback
{
    private readonly bool _higherIsBetter = monitor.EndsWith("accuracy", StringComparison.Ordinal);
    private double _best;
    private int _wait;
    private float[]? _bestWeights;

    /// <summary>Zero-based epoch with the best value, or -1 before any epoch.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Zero-based epoch at which training was stopped, or -1 if it ran to the end.</summary>
    public int StoppedEpoch { get; private set; } = -1;

    /// <inheritdoc/>
    public override void OnTrainBegin(FitContext context)
    {
        _best = _higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        _wait = 0;
        BestEpoch = StoppedEpoch = -1;
        if (restoreBestWeights) _bestWeights = context.Model.Weights.ToArray();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, EpochLogs logs, FitContext context)
    {
        if (!logs.TryGetValue(monitor, out double value))
            throw new InvalidOperationException($"EarlyStopping monitors '{monitor}', which this Fit does not record; recorded: {string.Join(", ", logs.Select(l => l.Key))}.");
        bool improved = _higherIsBetter ? value > _best + minDelta : value < _best - minDelta;
        if (improved)
        {
            _best = value;
            _wait = 0;
            BestEpoch = epoch;
            if (_bestWeights is not null) context.Model.Weights.CopyTo(_bestWeights);
            return;
        }
        if (++_wait <= patience) return;
        StoppedEpoch = epoch;
        context.StopTraining = true;
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(FitContext context)
    {
        if (_bestWeights is null || BestEpoch < 0) return;
        _bestWeights.CopyTo(context.Model.Weights);
        context.Log?.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
    }
}

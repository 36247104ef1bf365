namespace ModelGen.Training;

/// <summary>
/// Sets the optimizer's learning rate before each epoch from <c>schedule(epoch, currentRate)</c>,
/// as Keras' <c>LearningRateScheduler</c>.
/// </summary>
/// <example><c>new LearningRateScheduler((epoch, rate) => epoch &lt; 5 ? rate : rate * 0.8f)</c></example>
public sealed class LearningRateScheduler(Func<int, float, float> schedule) : Callback
{
    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, FitContext context)
    {
        float rate = schedule(epoch, context.Optimizer.LearningRate);
        if (!(rate > 0) || float.IsInfinity(rate))
            throw new InvalidOperationException($"The learning-rate schedule gave {rate} for epoch {epoch}; it must be a positive number.");
        context.Optimizer.LearningRate = rate;
    }
}

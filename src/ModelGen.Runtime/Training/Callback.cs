using ModelGen.Optimizers;

namespace ModelGen.Training;

/// <summary>Hooks into <c>Fit</c>, as Keras callbacks.</summary>
public abstract class Callback
{
    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin(FitContext context) { }

    /// <summary>Called before each epoch (0-based), before its first step.</summary>
    public virtual void OnEpochBegin(int epoch, FitContext context) { }

    /// <summary>Called after each epoch with its metrics (validation included).</summary>
    public virtual void OnEpochEnd(int epoch, EpochLogs logs, FitContext context) { }

    /// <summary>Called once after the last epoch.</summary>
    public virtual void OnTrainEnd(FitContext context) { }
}

/// <summary>What a callback may look at or change during <c>Fit</c>.</summary>
public sealed class FitContext(ITrainableModel model, Optimizer optimizer, TextWriter? log)
{
    /// <summary>The model being trained.</summary>
    public ITrainableModel Model { get; } = model;

    /// <summary>The optimizer; its learning rate may be changed between epochs.</summary>
    public Optimizer Optimizer { get; } = optimizer;

    /// <summary>Where progress is written, or null when silent.</summary>
    public TextWriter? Log { get; } = log;

    /// <summary>Set to stop after the current epoch.</summary>
    public bool StopTraining { get; set; }
}

using ModelGen.Kernels;
using ModelGen.Optimizers;

namespace ModelGen.Training;

/// <summary>
/// Mini-batch training and evaluation over in-memory data. Batch buffers and the shuffle
/// permutation are allocated once per <c>Fit</c>, so the steps themselves allocate nothing.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly ITrainableModel _model;
    private readonly int _batchSize;
    private readonly float[] _inputBatch;
    private readonly float[] _targetBatch;

    public TrainingLoop(ITrainableModel model, int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        _model = model;
        _batchSize = batchSize;
        _inputBatch = new float[batchSize * model.InputLength];
        _targetBatch = new float[batchSize * model.TargetLength];
        model.EnsureBatchCapacity(batchSize);
    }

    /// <summary>One optimizer step on one batch; returns the loss with penalties.</summary>
    public static float TrainStep(ITrainableModel model, Optimizer optimizer, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        // The penalty of the weights the gradients are taken at, before the update changes them.
        float penalty = Regularization.Penalty(model);
        bool stepped = false;
        float loss = model is IBatchShare split
            ? split.ComputeLossAndGradients(inputs, targets, optimizer.UpdatesInRanges ? optimizer : null, out stepped)
            : model.ComputeLossAndGradients(inputs, targets);
        if (!stepped)
        {
            Regularization.AddGradients(model, 0, model.Parameters.Length);
            optimizer.Step(model.Parameters, model.Gradients);
        }
        return loss + penalty;
    }

    /// <summary>One pass over the samples listed in <paramref name="order"/>; returns mean loss and accuracy.</summary>
    public (double Loss, double Accuracy) TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int[] order, Optimizer optimizer, ProgressBar? progress)
    {
        double lossSum = 0;
        long correct = 0, total = 0;
        int step = 0;
        for (int start = 0; start < order.Length; start += _batchSize)
        {
            int count = Math.Min(_batchSize, order.Length - start);
            Gather(inputs, targets, order.AsSpan(start, count));
            float loss = TrainStep(_model, optimizer, _inputBatch.AsSpan(0, count * _model.InputLength), _targetBatch.AsSpan(0, count * _model.TargetLength));
            lossSum += (double)loss * count;
            (long batchCorrect, long batchTotal) = Metrics.CountCorrect(_model.Loss, _model.LastOutputs, _targetBatch.AsSpan(0, count * _model.TargetLength), _model.OutputLength);
            correct += batchCorrect;
            total += batchTotal;
            progress?.Update(++step, lossSum / (start + count), total == 0 ? double.NaN : (double)correct / total);
        }
        return (lossSum / order.Length, total == 0 ? double.NaN : (double)correct / total);
    }

    /// <summary>Mean loss (penalties included) and accuracy over all samples, in inference mode; fills <paramref name="confusion"/> when given.</summary>
    public (double Loss, double Accuracy) Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ConfusionMatrix? confusion = null)
    {
        int samples = inputs.Length / _model.InputLength;
        double lossSum = 0;
        long correct = 0, total = 0;
        for (int start = 0; start < samples; start += _batchSize)
        {
            int count = Math.Min(_batchSize, samples - start);
            ReadOnlySpan<float> batchTargets = targets.Slice(start * _model.TargetLength, count * _model.TargetLength);
            lossSum += (double)_model.ComputeLoss(inputs.Slice(start * _model.InputLength, count * _model.InputLength), batchTargets) * count;
            (long batchCorrect, long batchTotal) = Metrics.CountCorrect(_model.Loss, _model.LastOutputs, batchTargets, _model.OutputLength);
            correct += batchCorrect;
            total += batchTotal;
            if (confusion is not null) Metrics.AddToConfusion(confusion, _model.Loss, _model.LastOutputs, batchTargets, _model.OutputLength);
        }
        return (lossSum / samples + Regularization.Penalty(_model), total == 0 ? double.NaN : (double)correct / total);
    }

    private void Gather(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> samples)
    {
        int inputLength = _model.InputLength, targetLength = _model.TargetLength;
        for (int i = 0; i < samples.Length; i++)
        {
            inputs.Slice(samples[i] * inputLength, inputLength).CopyTo(_inputBatch.AsSpan(i * inputLength));
            targets.Slice(samples[i] * targetLength, targetLength).CopyTo(_targetBatch.AsSpan(i * targetLength));
        }
    }
}

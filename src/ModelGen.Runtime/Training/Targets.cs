using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Training;

/// <summary>
/// Training targets in whichever form the user holds them: class labels (<c>int[]</c>), one value
/// per sample (<c>float[]</c>), or one row per sample (<c>float[,]</c>). <see cref="Resolve"/> turns
/// them into the flat layout the model's loss expects.
/// </summary>
public readonly struct Targets
{
    private readonly int[]? _labels;
    private readonly Array? _values;

    private Targets(int[]? labels, Array? values) => (_labels, _values) = (labels, values);

    /// <summary>Class labels: one-hot for categorical cross-entropy, 0/1 for a single sigmoid output, indices for sparse.</summary>
    public static implicit operator Targets(int[] labels) => new(labels, null);

    /// <summary>One target value per sample, or the flat <c>(samples, targetLength)</c> values.</summary>
    public static implicit operator Targets(float[] values) => new(null, values);

    /// <summary>One row of targets per sample.</summary>
    public static implicit operator Targets(float[,] values) => new(null, values);

    /// <summary>Returns the targets as <c>sampleCount * model.TargetLength</c> floats, or throws naming the mismatch.</summary>
    public float[] Resolve(ITrainableModel model, int sampleCount)
    {
        if (_labels is not null) return FromLabels(model, _labels, sampleCount);
        if (_values is null) throw new ArgumentException("No targets were given.");
        int expected = sampleCount * model.TargetLength;
        if (_values.Length != expected)
            throw new ArgumentException($"Expected {expected} target values ({sampleCount} samples x {model.TargetLength}), got {_values.Length}.");
        ReadOnlySpan<float> flat = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(_values)), _values.Length);
        return flat.ToArray();
    }

    private static float[] FromLabels(ITrainableModel model, int[] labels, int sampleCount)
    {
        if (labels.Length != sampleCount)
            throw new ArgumentException($"Expected {sampleCount} labels, one per sample, got {labels.Length}.", nameof(labels));
        int classes = model.OutputLength;
        bool oneHot = model.Loss == Loss.CategoricalCrossEntropy;
        bool binary = model.Loss == Loss.BinaryCrossEntropy && classes == 1;
        if (!oneHot && !binary && model.TargetLength != 1)
            throw new ArgumentException($"Integer labels need a model with one target per sample, a single sigmoid output or categorical cross-entropy; this model expects {model.TargetLength} targets per sample.");
        var targets = new float[sampleCount * model.TargetLength];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            int limit = binary ? 2 : classes;
            if ((oneHot || binary || model.Loss == Loss.SparseCategoricalCrossEntropy) && (label < 0 || label >= limit))
                throw new ArgumentException($"Label {label} of sample {i} is outside [0, {limit}).", nameof(labels));
            if (oneHot) targets[i * classes + label] = 1f;
            else targets[i] = label;
        }
        return targets;
    }
}

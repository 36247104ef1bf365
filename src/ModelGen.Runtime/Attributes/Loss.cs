namespace ModelGen;

/// <summary>Training losses. Each is averaged over the batch, as Keras' default reduction.</summary>
public enum Loss
{
    /// <summary>Mean of <c>(output - target)²</c> over every output of every sample.</summary>
    MeanSquaredError,
    /// <summary>Binary cross-entropy on probabilities; fused with a sigmoid output it is computed from logits.</summary>
    BinaryCrossEntropy,
    /// <summary>Cross-entropy against one-hot targets; fused with a softmax output it is computed from logits.</summary>
    CategoricalCrossEntropy,
    /// <summary>Cross-entropy against integer class labels (one target value per sample).</summary>
    SparseCategoricalCrossEntropy,
}

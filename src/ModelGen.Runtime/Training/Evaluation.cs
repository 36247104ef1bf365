namespace ModelGen.Training;

/// <summary>
/// Result of <c>Evaluate</c>: mean loss (penalties included), accuracy (NaN for regression losses)
/// and, for classification, the confusion matrix.
/// </summary>
public readonly record struct Evaluation(double Loss, double Accuracy, ConfusionMatrix? Confusion = null)
{
    /// <summary><c>var (loss, accuracy) = model.Evaluate(x, y);</c>, as Keras' two return values.</summary>
    public void Deconstruct(out double loss, out double accuracy) => (loss, accuracy) = (Loss, Accuracy);
}

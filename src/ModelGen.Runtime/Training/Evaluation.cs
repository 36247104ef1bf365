namespace ModelGen.Training;

/// <summary>Result of <c>Evaluate</c>: mean loss (penalties included) and accuracy (NaN for regression losses).</summary>
public readonly record struct Evaluation(double Loss, double Accuracy);

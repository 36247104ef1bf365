namespace ModelGen;

/// <summary>How a sliding window treats the borders of its input, as Keras' <c>padding</c>.</summary>
public enum Padding
{
    /// <summary>No padding: the window stays inside the input, so the output shrinks.</summary>
    Valid,
    /// <summary>Zero padding so that the output is <c>ceil(input / stride)</c> along each axis.</summary>
    Same,
}

namespace ModelGen;

/// <summary>Kernel initializers. Biases start at zero.</summary>
public enum Initializer
{
    /// <summary>Uniform in <c>±sqrt(6 / (fanIn + fanOut))</c> (Keras' default for Dense).</summary>
    GlorotUniform,
    /// <summary>Truncated normal with standard deviation <c>sqrt(2 / fanIn)</c>, cut at two deviations (Keras' HeNormal).</summary>
    HeNormal,
}

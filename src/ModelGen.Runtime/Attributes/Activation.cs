namespace ModelGen;

/// <summary>Element-wise (or, for softmax, per-sample) activation functions.</summary>
public enum Activation
{
    /// <summary><c>f(x) = x</c>.</summary>
    Linear,
    /// <summary><c>f(x) = max(x, 0)</c>.</summary>
    ReLU,
    /// <summary><c>f(x) = x</c> for x &gt; 0, else <c>slope * x</c>.</summary>
    LeakyReLU,
    /// <summary><c>f(x) = 1 / (1 + exp(-x))</c>.</summary>
    Sigmoid,
    /// <summary><c>f(x) = tanh(x)</c>.</summary>
    Tanh,
    /// <summary><c>f(x)_i = exp(x_i) / sum_j exp(x_j)</c> over the features of one sample.</summary>
    Softmax,
    /// <summary>Exact GELU: <c>f(x) = x * Φ(x)</c>, Φ the standard normal CDF (PyTorch's and Keras' default).</summary>
    Gelu,
}

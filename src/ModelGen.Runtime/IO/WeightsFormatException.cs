namespace ModelGen.IO;

/// <summary>
/// A weights file that cannot be loaded into a model: malformed, truncated, or describing
/// different tensors. The message names the file, the tensor, and what was expected and found.
/// </summary>
public sealed class WeightsFormatException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the file and the tensor.</param>
    public WeightsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that revealed it.</summary>
    /// <param name="message">What is wrong, naming the file and the tensor.</param>
    /// <param name="innerException">The failure that revealed it, such as a JSON parse error.</param>
    public WeightsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.Runtime.CompilerServices;

namespace ModelGen.Optimizers;

/// <summary>Range checks for hyperparameters, written so that NaN fails them too.</summary>
internal static class OptimizerArguments
{
    public static void RequireNonNegative(float value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and not negative.");
        }
    }

    /// <summary>Decay rates of moving averages: 1 would never forget, so it is excluded.</summary>
    public static void RequireDecayRate(float value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0f && value < 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must lie in [0, 1).");
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelGen.Training;

/// <summary>Views a <c>(samples, features)</c> matrix as the flat row-major span the kernels use.</summary>
public static class Features
{
    /// <summary>All rows of <paramref name="x"/>, one after another, without copying.</summary>
    public static ReadOnlySpan<float> AsSpan(float[,] x) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(x)), x.Length);

    /// <summary>Throws unless each row of <paramref name="x"/> holds one model input.</summary>
    public static void CheckWidth(float[,] x, ITrainableModel model, [CallerArgumentExpression(nameof(x))] string name = "")
    {
        if (x.GetLength(1) != model.InputLength)
            throw new ArgumentException($"Expected {model.InputLength} features per sample, got {x.GetLength(1)}.", name);
    }
}

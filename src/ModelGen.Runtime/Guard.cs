using System.Runtime.CompilerServices;

namespace ModelGen;

/// <summary>Argument checks used by generated code; messages name the expected and actual lengths.</summary>
public static class Guard
{
    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length != expected) ThrowLength(span.Length, expected, name);
    }

    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(ReadOnlySpan<int> span, int expected, string name)
    {
        if (span.Length != expected) ThrowLength(span.Length, expected, name);
    }

    /// <summary>Returns the number of samples in <paramref name="span"/>, which must be a positive multiple of <paramref name="sampleLength"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BatchSize(ReadOnlySpan<float> span, int sampleLength, string name)
    {
        if (span.Length == 0 || span.Length % sampleLength != 0) ThrowBatch(span.Length, sampleLength, name);
        return span.Length / sampleLength;
    }

    /// <summary>Throws unless the last forward pass kept its inputs, which a backward pass needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputsKept(bool kept)
    {
        if (!kept) ThrowInputsNotKept();
    }

    private static void ThrowInputsNotKept() =>
        throw new InvalidOperationException(
            "Backward needs the inputs of the last forward pass, and there was none that kept them (PredictOnBatch keeps nothing): call Forward, then Backward.");

    private static void ThrowLength(int actual, int expected, string name) =>
        throw new ArgumentException($"Expected {name} of length {expected}, got length {actual}.", name);

    private static void ThrowBatch(int actual, int sampleLength, string name) =>
        throw new ArgumentException($"Expected {name} of length a positive multiple of {sampleLength} (batch x {sampleLength}), got length {actual}.", name);
}

namespace ModelGen.IO;

/// <summary>Where one model tensor's bytes lie in the data section.</summary>
internal readonly record struct StoredTensor(ParameterTensor Tensor, long Begin, long End);

/// <summary>
/// Checks a parsed header against the model's tensors: the same names, F32 everywhere, the
/// model's shapes in file order, and byte ranges that tile the data section with no gap or overlap.
/// </summary>
internal static class HeaderValidator
{
    /// <summary>The model's tensors in the order their bytes lie in the file.</summary>
    /// <exception cref="WeightsFormatException">The header does not describe the model's tensors.</exception>
    public static StoredTensor[] Validate(
        Dictionary<string, HeaderEntry> entries, IReadOnlyList<ParameterTensor> tensors, string source)
    {
        RequireSameNames(entries, tensors, source);
        var stored = new StoredTensor[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            ParameterTensor tensor = tensors[i];
            HeaderEntry entry = entries[tensor.Name];
            RequireMatchingEntry(entry, tensor, source);
            stored[i] = new StoredTensor(tensor, entry.Begin, entry.End);
        }

        // Other tools may order tensors differently; what matters is that the ranges tile the data.
        Array.Sort(stored, static (left, right) => left.Begin.CompareTo(right.Begin));
        RequireContiguous(stored, source);
        return stored;
    }

    private static void RequireSameNames(
        Dictionary<string, HeaderEntry> entries, IReadOnlyList<ParameterTensor> tensors, string source)
    {
        string[] missing = tensors.Where(tensor => !entries.ContainsKey(tensor.Name)).Select(tensor => tensor.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new WeightsFormatException($"{source}: missing tensor(s) {Quote(missing)} that the model expects.");
        }

        var expected = tensors.Select(tensor => tensor.Name).ToHashSet(StringComparer.Ordinal);
        string[] unknown = entries.Keys.Where(name => !expected.Contains(name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new WeightsFormatException(
                $"{source}: unknown tensor(s) {Quote(unknown)} that the model does not have; expected exactly {Quote(expected)}.");
        }
    }

    private static void RequireMatchingEntry(HeaderEntry entry, ParameterTensor tensor, string source)
    {
        if (entry.DType != SafeTensorsHeader.Float32)
        {
            throw new WeightsFormatException(
                $"{source}: tensor '{tensor.Name}' has dtype {entry.DType}; expected {SafeTensorsHeader.Float32}.");
        }

        int[] expectedShape = tensor.FileShape;
        if (!entry.Shape.SequenceEqual(expectedShape.Select(dimension => (long)dimension)))
        {
            throw new WeightsFormatException(
                $"{source}: tensor '{tensor.Name}' has shape [{string.Join(", ", entry.Shape)}]; expected [{string.Join(", ", expectedShape)}].");
        }

        long expectedBytes = (long)tensor.Length * sizeof(float);
        if (entry.End < entry.Begin || entry.End - entry.Begin != expectedBytes)
        {
            throw new WeightsFormatException(
                $"{source}: tensor '{tensor.Name}' has data offsets [{entry.Begin}, {entry.End}]; expected a range of {expectedBytes} bytes.");
        }
    }

    private static void RequireContiguous(StoredTensor[] stored, string source)
    {
        long expectedBegin = 0;
        foreach (StoredTensor tensor in stored)
        {
            if (tensor.Begin != expectedBegin)
            {
                string problem = tensor.Begin < expectedBegin ? "overlaps the tensor before it" : "leaves a gap after the tensor before it";
                throw new WeightsFormatException(
                    $"{source}: tensor '{tensor.Tensor.Name}' starts at byte {tensor.Begin}, which {problem}; expected {expectedBegin}.");
            }

            expectedBegin = tensor.End;
        }
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));
}

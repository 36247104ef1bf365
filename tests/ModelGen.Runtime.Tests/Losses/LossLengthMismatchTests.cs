using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Losses.Tests;

/// <summary>Mismatched buffers are refused with an <see cref="ArgumentException"/> naming both lengths.</summary>
public sealed class LossLengthMismatchTests
{
    private static readonly Dictionary<string, (Action Call, int Expected, int Actual)> Cases = new()
    {
        ["MSE targets"] = (() => MeanSquaredError.Compute(new float[6], new float[7], new float[6]), 6, 7),
        ["MSE gradient"] = (() => MeanSquaredError.Compute(new float[6], new float[6], new float[7]), 6, 7),
        ["BCE logits targets"] = (() => BinaryCrossEntropy.FromLogits(new float[6], new float[7], new float[6]), 6, 7),
        ["BCE logits gradient"] = (() => BinaryCrossEntropy.FromLogits(new float[6], new float[6], new float[7]), 6, 7),
        ["BCE probabilities targets"] = (() => BinaryCrossEntropy.FromProbabilities(new float[6], new float[7], new float[6]), 6, 7),
        ["BCE probabilities gradient"] = (() => BinaryCrossEntropy.FromProbabilities(new float[6], new float[6], new float[7]), 6, 7),
        ["CCE logits targets"] = (() => CategoricalCrossEntropy.FromLogits(new float[10], new float[11], new float[10], 5), 10, 11),
        ["CCE logits gradient"] = (() => CategoricalCrossEntropy.FromLogits(new float[10], new float[10], new float[11], 5), 10, 11),
        ["CCE logits ragged rows"] = (() => CategoricalCrossEntropy.FromLogits(new float[7], new float[7], new float[7], 5), 5, 7),
        ["CCE probabilities targets"] = (() => CategoricalCrossEntropy.FromProbabilities(new float[10], new float[11], new float[10], 5), 10, 11),
        ["CCE probabilities gradient"] = (() => CategoricalCrossEntropy.FromProbabilities(new float[10], new float[10], new float[11], 5), 10, 11),
        ["CCE probabilities ragged rows"] = (() => CategoricalCrossEntropy.FromProbabilities(new float[7], new float[7], new float[7], 5), 5, 7),
        ["Sparse logits labels"] = (() => SparseCategoricalCrossEntropy.FromLogits(new float[10], new float[3], new float[10], 5), 2, 3),
        ["Sparse logits gradient"] = (() => SparseCategoricalCrossEntropy.FromLogits(new float[10], new float[2], new float[11], 5), 10, 11),
        ["Sparse logits ragged rows"] = (() => SparseCategoricalCrossEntropy.FromLogits(new float[7], new float[1], new float[7], 5), 5, 7),
        ["Sparse probabilities labels"] = (() => SparseCategoricalCrossEntropy.FromProbabilities(new float[10], new float[3], new float[10], 5), 2, 3),
        ["Sparse probabilities gradient"] = (() => SparseCategoricalCrossEntropy.FromProbabilities(new float[10], new float[2], new float[11], 5), 10, 11),
        ["Sparse probabilities ragged rows"] = (() => SparseCategoricalCrossEntropy.FromProbabilities(new float[7], new float[1], new float[7], 5), 5, 7),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Wrong_length_is_refused_with_both_lengths(string name)
    {
        var (call, expected, actual) = Cases[name];
        NumericAssert.ThrowsLengthMismatch(call, expected, actual);
    }
}

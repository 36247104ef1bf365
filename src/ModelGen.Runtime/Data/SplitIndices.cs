namespace ModelGen.Data;

/// <summary>
/// Chooses which rows go to training and which to test, following scikit-learn's <c>ShuffleSplit</c>
/// and <c>StratifiedShuffleSplit</c>; only indices are computed here, never copies of the data.
/// </summary>
internal static class SplitIndices
{
    public static (int[] Train, int[] Test) Compute(float[,] x, int nLabels, double testSize, int randomState, bool shuffle, int[]? stratifyBy)
    {
        int nSamples = x.GetLength(0);
        if (nLabels != nSamples)
        {
            throw new ArgumentException($"x has {nSamples} rows but y has {nLabels} entries; they must match.", nameof(x));
        }

        if (!(testSize > 0.0 && testSize < 1.0))
        {
            throw new ArgumentException($"testSize must lie strictly between 0 and 1, got {testSize}.", nameof(testSize));
        }

        int nTest = (int)Math.Ceiling(testSize * nSamples);
        int nTrain = nSamples - nTest;
        if (nTrain == 0)
        {
            throw new ArgumentException(
                $"With nSamples={nSamples} and testSize={testSize} the training set would be empty.", nameof(testSize));
        }

        if (!shuffle)
        {
            if (stratifyBy is not null)
            {
                throw new ArgumentException("A stratified split needs shuffle=true, as in scikit-learn.", nameof(shuffle));
            }

            return (Enumerable.Range(0, nTrain).ToArray(), Enumerable.Range(nTrain, nTest).ToArray());
        }

        var random = new SeededRandom(randomState);
        if (stratifyBy is not null)
        {
            return StratifiedSplit.Compute(stratifyBy, nTrain, nTest, random);
        }

        int[] order = random.Permutation(nSamples);
        return (order[nTest..], order[..nTest]);
    }
}

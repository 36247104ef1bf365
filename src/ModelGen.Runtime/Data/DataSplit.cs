namespace ModelGen.Data;

/// <summary>Splits a data set into training and test parts, as scikit-learn's <c>train_test_split</c> does.</summary>
public static class DataSplit
{
    /// <summary>Splits a classification data set into random training and test subsets.</summary>
    /// <param name="x">Features, one row per sample.</param>
    /// <param name="y">Class label per sample.</param>
    /// <param name="testSize">Fraction of samples for the test set, in (0, 1); the test set gets ceil(testSize * n) samples.</param>
    /// <param name="randomState">Seed for the shuffle; the same seed gives the same split.</param>
    /// <param name="shuffle">False to take the test set from the end, keeping the original order.</param>
    /// <param name="stratify">True to keep each class's proportion the same in both subsets; requires <paramref name="shuffle"/>.</param>
    /// <returns>Training features, test features, training labels and test labels, in scikit-learn's order.</returns>
    /// <exception cref="ArgumentException">The sizes disagree, a subset would be empty, or a stratified split is impossible.</exception>
    public static (float[,] XTrain, float[,] XTest, int[] YTrain, int[] YTest) TrainTestSplit(
        float[,] x, int[] y, double testSize = 0.25, int randomState = 0, bool shuffle = true, bool stratify = false)
    {
        var (train, test) = SplitIndices.Compute(x, y.Length, testSize, randomState, shuffle, stratify ? y : null);
        return (Rows(x, train), Rows(x, test), Elements(y, train), Elements(y, test));
    }

    /// <summary>Splits a regression data set into random training and test subsets.</summary>
    /// <param name="x">Features, one row per sample.</param>
    /// <param name="y">Target per sample.</param>
    /// <param name="testSize">Fraction of samples for the test set, in (0, 1); the test set gets ceil(testSize * n) samples.</param>
    /// <param name="randomState">Seed for the shuffle; the same seed gives the same split.</param>
    /// <param name="shuffle">False to take the test set from the end, keeping the original order.</param>
    /// <returns>Training features, test features, training targets and test targets, in scikit-learn's order.</returns>
    /// <exception cref="ArgumentException">The sizes disagree or a subset would be empty.</exception>
    public static (float[,] XTrain, float[,] XTest, float[] YTrain, float[] YTest) TrainTestSplit(
        float[,] x, float[] y, double testSize = 0.25, int randomState = 0, bool shuffle = true)
    {
        var (train, test) = SplitIndices.Compute(x, y.Length, testSize, randomState, shuffle, stratifyBy: null);
        return (Rows(x, train), Rows(x, test), Elements(y, train), Elements(y, test));
    }

    private static float[,] Rows(float[,] x, int[] indices)
    {
        int nFeatures = x.GetLength(1);
        float[,] rows = new float[indices.Length, nFeatures];
        for (int row = 0; row < indices.Length; row++)
        {
            for (int feature = 0; feature < nFeatures; feature++)
            {
                rows[row, feature] = x[indices[row], feature];
            }
        }

        return rows;
    }

    private static T[] Elements<T>(T[] values, int[] indices) => Array.ConvertAll(indices, index => values[index]);
}

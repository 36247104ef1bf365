namespace ModelGen.Data;

/// <summary>
/// A train/test split that keeps every class's share of the samples, following scikit-learn's
/// <c>StratifiedShuffleSplit</c>: each class contributes its proportional share to both subsets,
/// and the rounding leftovers go to the classes with the largest fractional parts, ties broken at random.
/// </summary>
internal static class StratifiedSplit
{
    public static (int[] Train, int[] Test) Compute(int[] labels, int nTrain, int nTest, SeededRandom random)
    {
        var groups = Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(group => group.Key).ToArray();
        int[] classes = groups.Select(group => group.Key).ToArray();
        int[][] members = groups.Select(group => group.ToArray()).ToArray();
        int[] classCounts = members.Select(indices => indices.Length).ToArray();

        for (int c = 0; c < classes.Length; c++)
        {
            if (classCounts[c] < 2)
            {
                throw new ArgumentException(
                    $"Class {classes[c]} has only {classCounts[c]} sample; stratifying needs at least 2 per class.", nameof(labels));
            }
        }

        if (nTrain < classes.Length || nTest < classes.Length)
        {
            throw new ArgumentException(
                $"The training set ({nTrain}) and test set ({nTest}) must each hold at least one sample of each of the {classes.Length} classes.");
        }

        int[] trainPerClass = ApproximateMode(classCounts, nTrain, random);
        int[] remaining = classCounts.Select((count, c) => count - trainPerClass[c]).ToArray();
        int[] testPerClass = ApproximateMode(remaining, nTest, random);

        var train = new List<int>(nTrain);
        var test = new List<int>(nTest);
        for (int c = 0; c < classes.Length; c++)
        {
            int[] order = random.Permutation(classCounts[c]);
            for (int k = 0; k < trainPerClass[c]; k++)
            {
                train.Add(members[c][order[k]]);
            }

            for (int k = trainPerClass[c]; k < trainPerClass[c] + testPerClass[c]; k++)
            {
                test.Add(members[c][order[k]]);
            }
        }

        // Without this the subsets would be sorted by class.
        return (Permuted(train, random), Permuted(test, random));
    }

    /// <summary>
    /// Draw counts per class closest to the class proportions that add up to exactly <paramref name="nDraws"/>
    /// (scikit-learn's <c>_approximate_mode</c>).
    /// </summary>
    private static int[] ApproximateMode(int[] classCounts, int nDraws, SeededRandom random)
    {
        double total = classCounts.Sum();
        double[] continuous = classCounts.Select(count => count / total * nDraws).ToArray();
        int[] floored = continuous.Select(value => (int)Math.Floor(value)).ToArray();
        double[] remainders = continuous.Select((value, c) => value - floored[c]).ToArray();
        int needToAdd = nDraws - floored.Sum();

        foreach (double remainder in remainders.Distinct().OrderDescending())
        {
            if (needToAdd == 0)
            {
                break;
            }

            int[] tied = Enumerable.Range(0, remainders.Length).Where(c => remainders[c] == remainder).ToArray();
            int addNow = Math.Min(tied.Length, needToAdd);
            int[] order = random.Permutation(tied.Length);
            for (int k = 0; k < addNow; k++)
            {
                floored[tied[order[k]]]++;
            }

            needToAdd -= addNow;
        }

        return floored;
    }

    private static int[] Permuted(List<int> indices, SeededRandom random)
    {
        int[] order = random.Permutation(indices.Count);
        return Array.ConvertAll(order, k => indices[k]);
    }
}

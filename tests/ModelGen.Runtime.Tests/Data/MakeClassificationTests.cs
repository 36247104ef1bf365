using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class MakeClassificationTests
{
    [Fact]
    public void DefaultsGiveOneHundredSamplesOfTwentyFeaturesAndTwoClasses()
    {
        var (x, y) = Datasets.MakeClassification();

        Assert.Equal(100, x.GetLength(0));
        Assert.Equal(20, x.GetLength(1));
        Assert.Equal(100, y.Length);
        Assert.All(y, label => Assert.InRange(label, 0, 1));
    }

    [Fact]
    public void SameSeedGivesIdenticalOutput()
    {
        var first = Datasets.MakeClassification(nSamples: 300, nFeatures: 8, nInformative: 3, nRepeated: 1, nClasses: 3, randomState: 7);
        var second = Datasets.MakeClassification(nSamples: 300, nFeatures: 8, nInformative: 3, nRepeated: 1, nClasses: 3, randomState: 7);

        Assert.Equal(first.X, second.X);
        Assert.Equal(first.Y, second.Y);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentOutput()
    {
        var first = Datasets.MakeClassification(randomState: 1);
        var second = Datasets.MakeClassification(randomState: 2);

        Assert.NotEqual(first.X, second.X);
    }

    [Fact]
    public void WeightsSetExactClassCountsWithoutLabelNoise()
    {
        // The counts scikit-learn's own test expects for these arguments (test_make_classification).
        var (_, y) = Datasets.MakeClassification(
            nSamples: 100, nFeatures: 20, nInformative: 5, nRedundant: 1, nRepeated: 1, nClasses: 3,
            nClustersPerClass: 1, weights: [0.1, 0.25], flipY: 0.0, hypercube: false, randomState: 0);

        Assert.Equal([10, 25, 65], ClassCounts(y, 3));
    }

    [Fact]
    public void ClassProportionsStayCloseToWeightsWithLabelNoise()
    {
        var (_, y) = Datasets.MakeClassification(nSamples: 5000, weights: [0.7, 0.3], flipY: 0.05, randomState: 3);

        // 5% flipped to a uniform class moves each share by at most 2.5 points; 0.03 leaves room for chance.
        int[] counts = ClassCounts(y, 2);
        Assert.InRange(counts[0] / 5000.0, 0.67, 0.73);
        Assert.InRange(counts[1] / 5000.0, 0.27, 0.33);
    }

    [Fact]
    public void ClassMeansSitOnHypercubeVertices()
    {
        const double classSep = 3.0;
        var (x, y) = Datasets.MakeClassification(
            nSamples: 4000, nFeatures: 2, nInformative: 2, nRedundant: 0, nClasses: 4, nClustersPerClass: 1,
            flipY: 0.0, classSep: classSep, shuffle: false, randomState: 5);

        var vertices = new HashSet<(int, int)>();
        for (int label = 0; label < 4; label++)
        {
            double[] mean = ClassMean(x, y, label, 2);

            // A cluster's mean is its vertex plus the mean of 1000 transformed N(0, 1) draws, a few hundredths at most.
            Assert.InRange(Math.Abs(mean[0]), classSep - 0.2, classSep + 0.2);
            Assert.InRange(Math.Abs(mean[1]), classSep - 0.2, classSep + 0.2);
            vertices.Add((Math.Sign(mean[0]), Math.Sign(mean[1])));
        }

        Assert.Equal(4, vertices.Count);
    }

    [Fact]
    public void WellSeparatedClassesAreSeparableByNearestCentroid()
    {
        var (x, y) = Datasets.MakeClassification(
            nSamples: 1000, nFeatures: 10, nInformative: 3, nRedundant: 0, nClasses: 3, nClustersPerClass: 1,
            flipY: 0.0, classSep: 10.0, shuffle: false, randomState: 11);

        double[][] centroids = Enumerable.Range(0, 3).Select(label => ClassMean(x, y, label, 3)).ToArray();
        int correct = 0;
        for (int sample = 0; sample < y.Length; sample++)
        {
            int nearest = Enumerable.Range(0, 3).MinBy(label => SquaredDistance(x, sample, centroids[label]));
            correct += nearest == y[sample] ? 1 : 0;
        }

        Assert.True(correct >= 990, $"nearest centroid got {correct} of 1000 right");
    }

    [Fact]
    public void RedundantColumnsAreLinearCombinationsOfInformativeColumns()
    {
        const int nInformative = 3;
        var (x, _) = Datasets.MakeClassification(
            nSamples: 200, nFeatures: 7, nInformative: nInformative, nRedundant: 2, shuffle: false, randomState: 13);

        for (int redundant = nInformative; redundant < nInformative + 2; redundant++)
        {
            double[] coefficients = LeastSquares.Solve(x, nInformative, redundant);

            // The combination matrix has entries in [-1, 1).
            Assert.All(coefficients, c => Assert.InRange(c, -1.0, 1.0));
            for (int sample = 0; sample < 200; sample++)
            {
                double predicted = Enumerable.Range(0, nInformative).Sum(k => coefficients[k] * x[sample, k]);

                // Only float rounding of the stored values separates the column from its combination.
                Assert.Equal(x[sample, redundant], predicted, 1e-4);
            }
        }
    }

    [Fact]
    public void NoiseColumnsCarryNoLinearRelationToInformativeColumns()
    {
        var (x, _) = Datasets.MakeClassification(
            nSamples: 200, nFeatures: 4, nInformative: 2, nRedundant: 0, shuffle: false, randomState: 13);

        double[] coefficients = LeastSquares.Solve(x, 2, 2);
        double worstResidual = Enumerable.Range(0, 200)
            .Max(sample => Math.Abs(x[sample, 2] - coefficients[0] * x[sample, 0] - coefficients[1] * x[sample, 1]));

        Assert.True(worstResidual > 1.0, $"noise column fitted to within {worstResidual}");
    }

    [Fact]
    public void RepeatedColumnsCopyInformativeOrRedundantColumns()
    {
        var (x, _) = Datasets.MakeClassification(
            nSamples: 50, nFeatures: 10, nInformative: 3, nRedundant: 2, nRepeated: 3, shuffle: false, randomState: 17);

        for (int repeated = 5; repeated < 8; repeated++)
        {
            Assert.Contains(Enumerable.Range(0, 5), source => Column(x, source).SequenceEqual(Column(x, repeated)));
        }
    }

    [Fact]
    public void UselessColumnsAreStandardNormalNoise()
    {
        var (x, _) = Datasets.MakeClassification(
            nSamples: 5000, nFeatures: 6, nInformative: 2, nRedundant: 0, shuffle: false, randomState: 19);

        for (int column = 2; column < 6; column++)
        {
            double[] values = Column(x, column).Select(v => (double)v).ToArray();
            double mean = values.Average();
            double std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));

            // Standard errors for 5000 draws: 0.014 for the mean, 0.01 for the deviation.
            Assert.InRange(mean, -0.06, 0.06);
            Assert.InRange(std, 0.95, 1.05);
        }
    }

    [Fact]
    public void ShiftAndScaleApplyAfterGeneration()
    {
        var plain = Datasets.MakeClassification(nSamples: 40, nFeatures: 5, randomState: 23);
        var moved = Datasets.MakeClassification(nSamples: 40, nFeatures: 5, shift: 2.0, scale: 3.0, randomState: 23);

        Assert.Equal(plain.Y, moved.Y);
        for (int sample = 0; sample < 40; sample++)
        {
            for (int feature = 0; feature < 5; feature++)
            {
                Assert.Equal((plain.X[sample, feature] + 2.0) * 3.0, moved.X[sample, feature], 1e-4);
            }
        }
    }

    [Fact]
    public void ShufflingPermutesRowsAndColumnsOfTheSameData()
    {
        var ordered = Datasets.MakeClassification(nSamples: 60, nFeatures: 6, shuffle: false, randomState: 29);
        var shuffled = Datasets.MakeClassification(nSamples: 60, nFeatures: 6, shuffle: true, randomState: 29);

        Assert.NotEqual(ordered.X, shuffled.X);
        Assert.Equal(ordered.Y.Order(), shuffled.Y.Order());
        Assert.Equal(ordered.X.Cast<float>().Order(), shuffled.X.Cast<float>().Order());
    }

    [Fact]
    public void ManyInformativeFeaturesGiveDistinctRows()
    {
        // Above 30 dimensions the leading vertex coordinates are free random bits (scikit-learn's test uses 31).
        var (x, _) = Datasets.MakeClassification(nSamples: 500, nFeatures: 31, nInformative: 31, nRedundant: 0, randomState: 0);

        var rows = Enumerable.Range(0, 500).Select(sample => string.Join(',', Row(x, sample))).ToHashSet();
        Assert.Equal(500, rows.Count);
    }

    [Theory]
    [InlineData(3, 2, 2, 0, 2, 2, "nFeatures(3)")]
    [InlineData(20, 2, 2, 0, 3, 2, "2^nInformative(2) = 4")]
    [InlineData(20, 0, 0, 0, 1, 1, "nInformative must be at least 1, got 0")]
    [InlineData(20, 2, -1, 0, 2, 2, "nRedundant must be at least 0, got -1")]
    [InlineData(20, 2, 2, 0, 0, 2, "nClasses must be at least 1, got 0")]
    public void InconsistentCountsAreRejected(int nFeatures, int nInformative, int nRedundant, int nRepeated, int nClasses, int nClustersPerClass, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(
            nFeatures: nFeatures, nInformative: nInformative, nRedundant: nRedundant, nRepeated: nRepeated,
            nClasses: nClasses, nClustersPerClass: nClustersPerClass));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void OutOfRangeValuesAreRejected()
    {
        Assert.Contains("nSamples", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(nSamples: 0)).Message);
        Assert.Contains("1.5", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(flipY: 1.5)).Message);
        Assert.Contains("classSep", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(classSep: 0.0)).Message);
        Assert.Contains("scale", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(scale: -1.0)).Message);
        Assert.Contains("shift", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(shift: double.NaN)).Message);
    }

    [Fact]
    public void BadWeightsAreRejected()
    {
        Assert.Contains("3 entries", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(weights: [0.2, 0.3, 0.5])).Message);
        Assert.Contains("-0.5", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(weights: [1.5])).Message);
        Assert.Contains("sum", Assert.Throws<ArgumentException>(() => Datasets.MakeClassification(weights: [0.8, 0.8])).Message);
    }

    private static int[] ClassCounts(int[] labels, int nClasses) =>
        Enumerable.Range(0, nClasses).Select(label => labels.Count(y => y == label)).ToArray();

    private static double[] ClassMean(float[,] x, int[] y, int label, int nColumns)
    {
        int[] members = Enumerable.Range(0, y.Length).Where(sample => y[sample] == label).ToArray();
        return Enumerable.Range(0, nColumns).Select(column => members.Average(sample => (double)x[sample, column])).ToArray();
    }

    private static double SquaredDistance(float[,] x, int sample, double[] point) =>
        Enumerable.Range(0, point.Length).Sum(column => Math.Pow(x[sample, column] - point[column], 2));

    private static float[] Column(float[,] x, int column) =>
        Enumerable.Range(0, x.GetLength(0)).Select(sample => x[sample, column]).ToArray();

    private static float[] Row(float[,] x, int sample) =>
        Enumerable.Range(0, x.GetLength(1)).Select(column => x[sample, column]).ToArray();
}

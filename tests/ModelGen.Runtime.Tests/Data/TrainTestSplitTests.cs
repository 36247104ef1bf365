using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class TrainTestSplitTests
{
    [Theory]
    [InlineData(100, 0.25, 25)]
    [InlineData(10, 0.25, 3)]   // ceil(2.5), as scikit-learn rounds the test set up
    [InlineData(7, 0.5, 4)]
    public void TestSetGetsCeilingOfFraction(int nSamples, double testSize, int expectedTest)
    {
        var (x, y) = Numbered(nSamples);

        var split = DataSplit.TrainTestSplit(x, y, testSize);

        Assert.Equal(expectedTest, split.XTest.GetLength(0));
        Assert.Equal(expectedTest, split.YTest.Length);
        Assert.Equal(nSamples - expectedTest, split.XTrain.GetLength(0));
        Assert.Equal(nSamples - expectedTest, split.YTrain.Length);
        Assert.Equal(2, split.XTrain.GetLength(1));
    }

    [Fact]
    public void SubsetsPartitionTheSamplesAndKeepRowsWithTheirLabels()
    {
        var (x, y) = Numbered(50);

        var split = DataSplit.TrainTestSplit(x, y, randomState: 4);

        int[] trainIds = Ids(split.XTrain);
        int[] testIds = Ids(split.XTest);
        Assert.Empty(trainIds.Intersect(testIds));
        Assert.Equal(Enumerable.Range(0, 50), trainIds.Concat(testIds).Order());
        AssertRowsIntact(split.XTrain, split.YTrain);
        AssertRowsIntact(split.XTest, split.YTest);
    }

    [Fact]
    public void SplitIsShuffledAndReproducible()
    {
        var (x, y) = Numbered(40);

        var first = DataSplit.TrainTestSplit(x, y, randomState: 9);
        var again = DataSplit.TrainTestSplit(x, y, randomState: 9);
        var other = DataSplit.TrainTestSplit(x, y, randomState: 10);

        Assert.Equal(Ids(first.XTest), Ids(again.XTest));
        Assert.Equal(first.YTrain, again.YTrain);
        Assert.NotEqual(Ids(first.XTest), Ids(other.XTest));
        Assert.NotEqual(Enumerable.Range(30, 10), Ids(first.XTest));
    }

    [Fact]
    public void WithoutShuffleTheTestSetIsTheTail()
    {
        var (x, y) = Numbered(10);

        var split = DataSplit.TrainTestSplit(x, y, testSize: 0.3, shuffle: false);

        Assert.Equal(Enumerable.Range(0, 7), Ids(split.XTrain));
        Assert.Equal(Enumerable.Range(7, 3), Ids(split.XTest));
    }

    [Fact]
    public void StratifyKeepsClassProportionsExactlyWhenTheyDivide()
    {
        var (x, _) = Numbered(100);
        int[] y = Enumerable.Range(0, 100).Select(i => i % 10 < 3 ? 1 : 0).ToArray();

        var split = DataSplit.TrainTestSplit(x, y, testSize: 0.2, randomState: 2, stratify: true);

        Assert.Equal(6, split.YTest.Count(label => label == 1));
        Assert.Equal(14, split.YTest.Count(label => label == 0));
        Assert.Equal(24, split.YTrain.Count(label => label == 1));
        Assert.Equal(56, split.YTrain.Count(label => label == 0));
        AssertIdsCarryLabels(split.XTest, split.YTest, y);
    }

    [Fact]
    public void StratifyRoundsEachClassToWithinOneOfItsShare()
    {
        var (x, _) = Numbered(97);
        int[] y = Enumerable.Range(0, 97).Select(i => i < 13 ? -5 : i < 50 ? 2 : 7).ToArray();

        var split = DataSplit.TrainTestSplit(x, y, testSize: 0.3, randomState: 8, stratify: true);

        Assert.Equal(30, split.YTest.Length);
        foreach (int label in new[] { -5, 2, 7 })
        {
            double share = y.Count(v => v == label) * 30 / 97.0;
            Assert.InRange(split.YTest.Count(v => v == label), Math.Floor(share), Math.Ceiling(share));
        }

        AssertIdsCarryLabels(split.XTest, split.YTest, y);
        AssertIdsCarryLabels(split.XTrain, split.YTrain, y);
    }

    [Fact]
    public void RegressionTargetsFollowTheirRows()
    {
        var (x, _) = Numbered(20);
        float[] y = Enumerable.Range(0, 20).Select(i => i * 0.5f).ToArray();

        var split = DataSplit.TrainTestSplit(x, y, testSize: 0.4, randomState: 1);

        Assert.Equal(8, split.YTest.Length);
        Assert.Equal(Ids(split.XTest).Select(id => id * 0.5f), split.YTest);
        Assert.Equal(Ids(split.XTrain).Select(id => id * 0.5f), split.YTrain);
    }

    [Fact]
    public void InvalidRequestsAreRejected()
    {
        var (x, y) = Numbered(10);

        Assert.Contains("10 rows", Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(x, y[..9])).Message);
        Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(x, y, testSize: 0.0));
        Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(x, y, testSize: 1.0));
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(x, y, testSize: 0.95)).Message);
        Assert.Contains("shuffle", Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(x, y, shuffle: false, stratify: true)).Message);

        int[] singleton = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2];
        Assert.Contains("Class 2", Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(x, singleton, stratify: true)).Message);
    }

    /// <summary>Column 0 holds the sample's index, column 1 its negation; the label is index mod 3.</summary>
    private static (float[,] X, int[] Y) Numbered(int nSamples)
    {
        float[,] x = new float[nSamples, 2];
        for (int i = 0; i < nSamples; i++)
        {
            x[i, 0] = i;
            x[i, 1] = -i;
        }

        return (x, Enumerable.Range(0, nSamples).Select(i => i % 3).ToArray());
    }

    private static int[] Ids(float[,] x) => Enumerable.Range(0, x.GetLength(0)).Select(row => (int)x[row, 0]).ToArray();

    private static void AssertRowsIntact(float[,] x, int[] y)
    {
        for (int row = 0; row < y.Length; row++)
        {
            Assert.Equal(-x[row, 0], x[row, 1]);
            Assert.Equal((int)x[row, 0] % 3, y[row]);
        }
    }

    private static void AssertIdsCarryLabels(float[,] x, int[] subsetLabels, int[] allLabels) =>
        Assert.Equal(Ids(x).Select(id => allLabels[id]), subsetLabels);
}

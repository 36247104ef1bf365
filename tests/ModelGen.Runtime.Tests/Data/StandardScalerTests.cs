using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class StandardScalerTests
{
    [Fact]
    public void StatisticsAreMeanAndPopulationStandardDeviation()
    {
        float[,] x = { { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 } };

        var scaler = new StandardScaler().Fit(x);

        Assert.Equal([2.5, 25.0], scaler.Mean);
        Assert.Equal(Math.Sqrt(1.25), scaler.Scale[0], 1e-12);
        Assert.Equal(Math.Sqrt(125.0), scaler.Scale[1], 1e-12);
    }

    [Fact]
    public void TransformedColumnsHaveZeroMeanAndUnitDeviation()
    {
        var (x, _) = Datasets.MakeClassification(nSamples: 500, nFeatures: 6, shift: 5.0, scale: 30.0, randomState: 1);

        float[,] scaled = new StandardScaler().FitTransform(x);

        for (int column = 0; column < 6; column++)
        {
            double[] values = Enumerable.Range(0, 500).Select(row => (double)scaled[row, column]).ToArray();
            double mean = values.Average();
            Assert.Equal(0.0, mean, 1e-5);
            Assert.Equal(1.0, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))), 1e-5);
        }
    }

    [Fact]
    public void ConstantColumnGetsScaleOneAndMapsToZero()
    {
        // 0.1f is not a binary fraction, so a naive variance could come out as roundoff rather than zero.
        float[,] x = new float[1000, 2];
        for (int row = 0; row < 1000; row++)
        {
            x[row, 0] = 0.1f;
            x[row, 1] = row;
        }

        var scaler = new StandardScaler();
        float[,] scaled = scaler.FitTransform(x);

        Assert.Equal(1.0, scaler.Scale[0]);
        Assert.All(Enumerable.Range(0, 1000), row => Assert.Equal(0f, scaled[row, 0]));
    }

    [Fact]
    public void TransformAppliesFittedStatisticsToNewDataWithoutChangingIt()
    {
        float[,] train = { { 0 }, { 2 } };
        float[,] test = { { 3 }, { -1 } };

        float[,] scaled = new StandardScaler().Fit(train).Transform(test);

        Assert.Equal(new float[,] { { 2 }, { -2 } }, scaled);
        Assert.Equal(new float[,] { { 3 }, { -1 } }, test);
    }

    [Fact]
    public void MisuseIsRejected()
    {
        Assert.Throws<InvalidOperationException>(() => new StandardScaler().Transform(new float[1, 1]));
        Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(new float[0, 3]));
        var scaler = new StandardScaler().Fit(new float[2, 3]);
        Assert.Contains("3", Assert.Throws<ArgumentException>(() => scaler.Transform(new float[2, 4])).Message);
    }
}

using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class BreastCancerSampleTests
{
    [Fact]
    public void BundledFileHasTheKnownShapeAndClassCounts()
    {
        var (features, labels) = CsvLoader.Load(RepositoryPaths.SampleData("breast_cancer.csv"));

        // Counts from the UCI description and scikit-learn's load_breast_cancer documentation.
        Assert.Equal(569, features.GetLength(0));
        Assert.Equal(30, features.GetLength(1));
        Assert.Equal(212, labels.Count(label => label == 0));
        Assert.Equal(357, labels.Count(label => label == 1));
    }

    [Fact]
    public void FirstRowMatchesTheFile()
    {
        var (features, labels) = CsvLoader.Load(RepositoryPaths.SampleData("breast_cancer.csv"));

        // The second line of the file: 17.99,10.38,122.8,1001,... ,0.1189,0
        Assert.Equal(17.99f, features[0, 0]);
        Assert.Equal(10.38f, features[0, 1]);
        Assert.Equal(1001f, features[0, 3]);
        Assert.Equal(0, labels[0]);
    }
}

using System.Globalization;
using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class CsvLoaderTests
{
    [Fact]
    public void NamedHeaderIsDetectedAndSkipped()
    {
        using var file = new TempCsvFile("width,height,class\n1.5,2,0\n-3e2,4.25,1\n");

        var (features, labels) = CsvLoader.Load(file.Path);

        Assert.Equal(new float[,] { { 1.5f, 2f }, { -300f, 4.25f } }, features);
        Assert.Equal([0, 1], labels);
    }

    [Fact]
    public void ScikitLearnCountHeaderIsDetectedAndSkipped()
    {
        // All numeric, but with fewer fields than the data: scikit-learn's "nSamples,nFeatures" line.
        using var file = new TempCsvFile("2,3\n1,2,3,0\n4,5,6,1\n");

        var (features, labels) = CsvLoader.Load(file.Path);

        Assert.Equal(2, features.GetLength(0));
        Assert.Equal(3, features.GetLength(1));
        Assert.Equal([0, 1], labels);
    }

    [Fact]
    public void NumericFirstLineOfTheSameWidthIsData()
    {
        using var file = new TempCsvFile("1,2\n3,4\n");

        Assert.Equal(new float[,] { { 1, 2 }, { 3, 4 } }, CsvLoader.LoadMatrix(file.Path));
    }

    [Fact]
    public void ExplicitHeaderFlagOverridesDetection()
    {
        using var numeric = new TempCsvFile("1,2\n3,4\n");
        using var named = new TempCsvFile("a,b\n3,4\n");

        Assert.Equal(new float[,] { { 3, 4 } }, CsvLoader.LoadMatrix(numeric.Path, hasHeader: true));
        var error = Assert.Throws<FormatException>(() => CsvLoader.LoadMatrix(named.Path, hasHeader: false));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void BadFieldErrorNamesFileLineAndField()
    {
        using var file = new TempCsvFile("x,y\n1,2\n\n3,oops\n");

        var error = Assert.Throws<FormatException>(() => CsvLoader.LoadMatrix(file.Path));

        // Line 4 counts the blank line that was skipped.
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("line 4", error.Message);
        Assert.Contains("column 2", error.Message);
        Assert.Contains("'oops'", error.Message);
    }

    [Fact]
    public void RowWithWrongFieldCountNamesItsLine()
    {
        using var file = new TempCsvFile("1,2,0\n3,4,1\n5,1\n");

        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(file.Path));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("2 fields", error.Message);
    }

    [Fact]
    public void NonIntegerLabelIsRejected()
    {
        using var file = new TempCsvFile("1,2,0\n3,4,0.5\n");

        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(file.Path));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("'0.5'", error.Message);
    }

    [Fact]
    public void LabelColumnCanBeAnyColumnCountingFromEitherEnd()
    {
        using var file = new TempCsvFile("7,1.5,2.5\n8,3.5,4.5\n");

        var fromStart = CsvLoader.Load(file.Path, labelColumn: 0);
        var fromEnd = CsvLoader.Load(file.Path, labelColumn: -3);

        Assert.Equal([7, 8], fromStart.Labels);
        Assert.Equal(new float[,] { { 1.5f, 2.5f }, { 3.5f, 4.5f } }, fromStart.Features);
        Assert.Equal(fromStart.Features, fromEnd.Features);
        Assert.Throws<ArgumentException>(() => CsvLoader.Load(file.Path, labelColumn: 3));
    }

    [Fact]
    public void SeparatorAndCultureDoNotChangeNumbers()
    {
        using var file = new TempCsvFile("a;b\n1.25;2\n");
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // German writes 1,25; the loader must still read the dot as the decimal separator.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(new float[,] { { 1.25f, 2f } }, CsvLoader.LoadMatrix(file.Path, separator: ';'));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void FileWithOnlyAHeaderIsRejected()
    {
        using var file = new TempCsvFile("a,b\n");

        Assert.Contains("no data rows", Assert.Throws<FormatException>(() => CsvLoader.LoadMatrix(file.Path)).Message);
    }
}

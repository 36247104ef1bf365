using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class PixelsAndOneHotTests
{
    [Fact]
    public void NormalizeDividesBy255AndKeepsTheShape()
    {
        float[,] normalized = Pixels.Normalize(new byte[,] { { 0, 51, 255 }, { 1, 128, 254 } });

        // Keras users compute x / 255.0 in double; rounded to float it is the same value.
        Assert.Equal(new float[,] { { 0f, 0.2f, 1f }, { (float)(1 / 255.0), (float)(128 / 255.0), (float)(254 / 255.0) } }, normalized);
    }

    [Fact]
    public void EncodePutsOneInTheLabelsColumn()
    {
        Assert.Equal(new float[,] { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } }, OneHot.Encode([2, 0, 1], classCount: 3));
    }

    [Fact]
    public void EncodeRejectsLabelsOutsideTheClasses()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([0, 3], classCount: 3));

        Assert.Contains("Label 3 of sample 1 is outside [0, 3).", error.Message);
    }

    [Fact]
    public void DecodeTakesTheLargestColumnFirstOnTies()
    {
        float[,] scores = { { 0.1f, 0.7f, 0.2f }, { 0.5f, 0.5f, 0f }, { 0f, 0f, 1f } };

        Assert.Equal([1, 0, 2], OneHot.Decode(scores));
        Assert.Equal([2, 0, 1], OneHot.Decode(OneHot.Encode([2, 0, 1], 3)));
    }
}

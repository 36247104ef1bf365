using ModelGen.Data;

namespace ModelGen.Runtime.Tests.Data;

public class HypercubeVerticesTests
{
    [Theory]
    [InlineData(4, 2)]      // every vertex: the dense draw
    [InlineData(5, 3)]      // more than half: the dense draw
    [InlineData(20, 10)]    // a few of many: the rejection draw
    [InlineData(50, 33)]    // free leading bits above 30 dimensions
    public void VerticesAreDistinctBinaryRows(int count, int dimensions)
    {
        int[,] vertices = HypercubeVertices.Sample(count, dimensions, new SeededRandom(1));

        Assert.Equal(count, vertices.GetLength(0));
        Assert.Equal(dimensions, vertices.GetLength(1));
        Assert.All(vertices.Cast<int>(), bit => Assert.InRange(bit, 0, 1));
        var rows = Enumerable.Range(0, count)
            .Select(row => string.Concat(Enumerable.Range(0, dimensions).Select(column => vertices[row, column])))
            .ToHashSet();
        Assert.Equal(count, rows.Count);
    }

    [Fact]
    public void SameSeedPicksSameVertices()
    {
        int[,] first = HypercubeVertices.Sample(6, 8, new SeededRandom(3));
        int[,] second = HypercubeVertices.Sample(6, 8, new SeededRandom(3));

        Assert.Equal(first, second);
    }
}

using ModelGen.Runtime.Tests.Numerics;

namespace ModelGen.Kernels.Tests;

/// <summary><see cref="ParallelCopy"/> copies every float, on one thread or split over two, and refuses a short destination.</summary>
public sealed class ParallelCopyTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, (1 << 17) + 7)] // split over two threads, the cut inside a 16-float block's reach
    public void Copies_every_float_and_leaves_the_rest_of_the_destination(int threads, int length)
    {
        float[] source = RandomFloats.Uniform(new Random(length), length);
        float[] destination = RandomFloats.Filled(length + 5, float.NaN);

        using (new ComputeThreadsScope(threads)) ParallelCopy.Copy(source, destination);

        Assert.Equal(source, destination[..length]);
        Assert.All(destination[length..], value => Assert.True(float.IsNaN(value)));
    }

    [Fact]
    public void A_short_destination_is_an_error_naming_both_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => ParallelCopy.Copy(new float[10], new float[9]));
        Assert.Contains("10", error.Message);
        Assert.Contains("9", error.Message);
    }
}

namespace ModelGen.Runtime.Tests.Numerics;

/// <summary>The GELU checks lean on <see cref="ExactErf"/>, so it is checked first against tabulated values.</summary>
public sealed class ExactErfTests
{
    // Values from Python's math.erf (correctly rounded libm): python3 -c "import math; print(repr(math.erf(1)))"
    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465, 1e-14)]
    [InlineData(1.0, 0.8427007929497149, 1e-14)]
    [InlineData(-1.5, -0.9661051464753108, 1e-13)]
    [InlineData(2.0, 0.9953222650189527, 1e-13)]
    [InlineData(3.0, 0.9999779095030014, 1e-12)]
    [InlineData(4.0, 0.9999999845827421, 1e-10)]
    public void Series_matches_tabulated_values(double x, double expected, double tolerance) =>
        Assert.InRange(ExactErf.Erf(x), expected - tolerance, expected + tolerance);
}

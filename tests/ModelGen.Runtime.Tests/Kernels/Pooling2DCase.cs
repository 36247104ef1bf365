namespace ModelGen.Kernels.Tests;

/// <summary>A pooling window under test, named for the part of the geometry it exercises.</summary>
internal sealed record Pooling2DCase(string Name, int Batch, int Height, int Width, int Channels, int PoolSize, int Stride, Padding Padding)
{
    public static readonly Pooling2DCase[] All =
    [
        new("2x2, stride 2, tiling", 2, 6, 6, 3, 2, 2, Padding.Valid),
        new("2x2, stride 2, odd input drops the last row and column", 2, 7, 7, 3, 2, 2, Padding.Valid),
        new("3x3, stride 2, overlapping windows", 2, 7, 7, 3, 3, 2, Padding.Valid),
        new("3x3, stride 2, same, padding after only", 2, 7, 6, 3, 3, 2, Padding.Same),
        new("2x2, stride 2, same, odd input gives a one-row window", 1, 5, 5, 2, 2, 2, Padding.Same),
        new("3x3, stride 1, same, padding on every side", 1, 5, 4, 2, 3, 1, Padding.Same),
        new("19 channels, a vector and a tail", 2, 5, 5, 19, 3, 2, Padding.Same),
        new("32 channels (the AVX-512 path), 3x3, stride 2, same", 2, 7, 6, 32, 3, 2, Padding.Same),
        new("16 channels (the AVX-512 path), 2x2 tiling, odd input", 2, 7, 7, 16, 2, 2, Padding.Valid),
        new("32 channels (the AVX-512 path), 2x2 tiling, even input, one window column odd", 2, 6, 9, 32, 2, 2, Padding.Valid),
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static Pooling2DCase Named(string name) => All.Single(c => c.Name == name);

    public int Seed => Array.IndexOf(All, this) + 1;

    public Pooling2DGeometry Geometry => Pooling2DGeometry.Create(Height, Width, Channels, PoolSize, Stride, Padding);
}

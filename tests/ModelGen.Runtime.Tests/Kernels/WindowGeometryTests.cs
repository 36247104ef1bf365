namespace ModelGen.Kernels.Tests;

/// <summary>
/// <see cref="Conv2DGeometry.Create"/> and <see cref="Pooling2DGeometry.Create"/> against sizes worked
/// by hand from TensorFlow's documented padding rule: for same padding <c>out = ceil(in / stride)</c>,
/// total padding <c>max((out - 1) * stride + span - in, 0)</c>, half before and the odd cell after.
/// </summary>
public sealed class WindowGeometryTests
{
    [Theory]
    // height, kernel, stride, dilation, padding -> outHeight, padTop
    [InlineData(28, 3, 1, 1, Padding.Valid, 26, 0)]
    [InlineData(7, 3, 2, 1, Padding.Valid, 3, 0)]
    [InlineData(8, 3, 3, 1, Padding.Valid, 2, 0)]      // rows 6 and 7 reach no window
    [InlineData(7, 3, 1, 2, Padding.Valid, 3, 0)]      // dilated kernel spans 5 rows
    [InlineData(7, 3, 1, 1, Padding.Same, 7, 1)]
    [InlineData(7, 3, 2, 1, Padding.Same, 4, 1)]       // total padding 2: one each side
    [InlineData(6, 3, 2, 1, Padding.Same, 3, 0)]       // total padding 1: all after
    [InlineData(5, 2, 1, 1, Padding.Same, 5, 0)]       // even kernel: total 1, after
    [InlineData(7, 3, 2, 2, Padding.Same, 4, 2)]       // dilated span 5: total 4, two each side
    [InlineData(3, 5, 1, 1, Padding.Same, 3, 2)]       // kernel larger than the input
    [InlineData(9, 4, 4, 1, Padding.Same, 3, 1)]       // total 3 = (3 - 1) * 4 + 4 - 9
    public void Conv2D_output_size_and_padding_follow_Keras(int height, int kernel, int stride, int dilation, Padding padding, int outHeight, int padTop)
    {
        var g = Conv2DGeometry.Create(height, 11, 3, 5, kernel, stride, dilation, padding);

        Assert.Equal((outHeight, padTop), (g.OutHeight, g.PadTop));
        var transposed = Conv2DGeometry.Create(11, height, 3, 5, kernel, stride, dilation, padding);
        Assert.Equal((outHeight, padTop), (transposed.OutWidth, transposed.PadLeft));
    }

    [Fact]
    public void Conv2D_sizes_for_the_workspaces()
    {
        var g = Conv2DGeometry.Create(28, 28, 1, 32, 3, 1, 1, Padding.Valid);

        Assert.Equal(9, g.PatchLength);
        Assert.Equal(4 * 26 * 26, g.PatchRows(4));
        Assert.Equal(4 * 26 * 26 * 9, g.WorkspaceLength(4));
        Assert.Equal(288, g.KernelLength);
        Assert.Equal(4 * 28 * 28, g.InputLength(4));
        Assert.Equal(4 * 26 * 26 * 32, g.OutputLength(4));
        Assert.False(g.InputIsPatchMatrix);
    }

    [Theory]
    [InlineData(1, 1, Padding.Valid, true)]
    [InlineData(1, 1, Padding.Same, true)]
    [InlineData(1, 2, Padding.Valid, false)]
    [InlineData(3, 1, Padding.Same, false)]
    public void Only_a_1x1_stride_1_kernel_reads_the_input_as_its_patch_matrix(int kernel, int stride, Padding padding, bool identity)
    {
        var g = Conv2DGeometry.Create(5, 6, 4, 3, kernel, stride, 1, padding);

        Assert.Equal(identity, g.InputIsPatchMatrix);
        Assert.Equal(identity ? 0 : g.PatchRows(2) * g.PatchLength, g.WorkspaceLength(2));
    }

    [Theory]
    // height, pool, stride, padding -> outHeight, padTop
    [InlineData(6, 2, 2, Padding.Valid, 3, 0)]
    [InlineData(7, 2, 2, Padding.Valid, 3, 0)]
    [InlineData(7, 3, 2, Padding.Valid, 3, 0)]
    [InlineData(5, 3, 2, Padding.Same, 3, 1)]
    [InlineData(5, 2, 2, Padding.Same, 3, 0)]
    [InlineData(6, 3, 2, Padding.Same, 3, 0)]
    [InlineData(5, 3, 1, Padding.Same, 5, 1)]
    public void Pooling_output_size_and_padding_follow_Keras(int height, int pool, int stride, Padding padding, int outHeight, int padTop)
    {
        var g = Pooling2DGeometry.Create(height, 4, 3, pool, stride, padding);

        Assert.Equal((outHeight, padTop), (g.OutHeight, g.PadTop));
    }

    [Fact]
    public void A_window_that_does_not_fit_without_padding_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DGeometry.Create(4, 9, 1, 1, 5, 1, 1, Padding.Valid));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DGeometry.Create(9, 9, 1, 1, 3, 1, 5, Padding.Valid));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pooling2DGeometry.Create(9, 2, 1, 3, 3, Padding.Valid));
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2DGeometry.Create(9, 9, 1, 1, 3, 0, 1, Padding.Same));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pooling2DGeometry.Create(9, 9, 1, 2, 0, Padding.Same));
    }
}

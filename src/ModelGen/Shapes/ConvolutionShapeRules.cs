using System.Collections.Generic;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>
/// Shapes of the image layers. Images are <c>(height, width, channels)</c>, channels last as in Keras.
/// </summary>
internal static class ConvolutionShapeRules
{
    public static (TensorShape? Output, int Parameters) Conv2D(Conv2DSpec conv, TensorShape input, List<ModelProblem> problems)
    {
        if (!IsImage(conv, input, problems)) return (null, 0);
        int window = conv.Dilation * (conv.KernelSize - 1) + 1;
        string kernel = conv.Dilation == 1
            ? $"kernel {conv.KernelSize}x{conv.KernelSize}"
            : $"kernel {conv.KernelSize}x{conv.KernelSize} with dilation {conv.Dilation} (spanning {window}x{window})";
        if (!Slide(conv, input, kernel, window, conv.Stride, conv.Padding, "kernelSize", problems, out int height, out int width))
            return (null, 0);
        long parameters = (long)conv.KernelSize * conv.KernelSize * input.Dimensions[2] * conv.Filters + (conv.UseBias ? conv.Filters : 0);
        if (parameters > int.MaxValue)
        {
            problems.Add(new(ProblemIds.ArgumentOutOfRange, $"Layer '{conv.Name}' (Conv2D) would hold {parameters} parameters, more than one buffer can index", conv.AttributeIndex, "filters"));
            return (null, 0);
        }
        return (new TensorShape(height, width, conv.Filters), (int)parameters);
    }

    public static (TensorShape? Output, int Parameters) Pooling(Pooling2DSpec pool, TensorShape input, List<ModelProblem> problems)
    {
        if (!IsImage(pool, input, problems)) return (null, 0);
        string window = $"pool {pool.PoolSize}x{pool.PoolSize}";
        if (!Slide(pool, input, window, pool.PoolSize, pool.Stride, pool.Padding, "poolSize", problems, out int height, out int width))
            return (null, 0);
        return (new TensorShape(height, width, input.Dimensions[2]), 0);
    }

    public static (TensorShape? Output, int Parameters) GlobalAveragePooling(GlobalAveragePooling2DSpec pool, TensorShape input, List<ModelProblem> problems) =>
        IsImage(pool, input, problems) ? (new TensorShape(input.Dimensions[2]), 0) : (null, 0);

    private static bool IsImage(LayerSpec layer, TensorShape input, List<ModelProblem> problems)
    {
        if (input.Rank == 3) return true;
        string fix = input.Rank == 2
            ? $"add a channel axis with [Reshape({input.Dimensions[0]}, {input.Dimensions[1]}, 1)] before it"
            : "declare the input as [Input(height, width, channels)] or add [Reshape(height, width, channels)] before it";
        problems.Add(new(ProblemIds.LayerDoesNotFitShape,
            $"Layer '{layer.Name}' ({layer.KindName}) needs a rank-3 input (height, width, channels), but receives {input}; {fix}", layer.AttributeIndex));
        return false;
    }

    /// <summary>Output height and width of a window sliding over the image, or false after reporting why it cannot.</summary>
    private static bool Slide(LayerSpec layer, TensorShape input, string windowText, int window, int stride, PaddingKind padding,
        string windowArgument, List<ModelProblem> problems, out int height, out int width)
    {
        var rows = new WindowGeometry(input.Dimensions[0], window, stride, padding);
        var columns = new WindowGeometry(input.Dimensions[1], window, stride, padding);
        (height, width) = (rows.Output, columns.Output);
        if (!rows.Fits || !columns.Fits)
        {
            problems.Add(new(ProblemIds.LayerDoesNotFitShape,
                $"Layer '{layer.Name}' ({layer.KindName}): {windowText} is larger than its {input} input; " +
                "use Padding = Padding.Same, a smaller window, or less downsampling before it", layer.AttributeIndex, windowArgument));
            return false;
        }
        if (rows.Dropped > 0 || columns.Dropped > 0)
        {
            string stepText = $"{windowText} with stride {stride}";
            problems.Add(new(ProblemIds.WindowDoesNotTile,
                $"Layer '{layer.Name}' ({layer.KindName}): {stepText} does not tile its {input} input; " +
                $"{Dropped(rows.Dropped, input.Dimensions[0], "row")}{(rows.Dropped > 0 && columns.Dropped > 0 ? " and " : "")}{Dropped(columns.Dropped, input.Dimensions[1], "column")} " +
                $"never reach its {height}x{width} output; use Padding = Padding.Same or change the stride to keep them",
                layer.AttributeIndex, TilingArgument(layer, stride, window)));
        }
        return true;
    }

    // A pool's stride defaults to its size, so the pool size is what the user wrote; otherwise the stride is.
    private static string TilingArgument(LayerSpec layer, int stride, int window) =>
        layer is Pooling2DSpec && stride == window ? "poolSize" : "Stride";

    private static string Dropped(int count, int size, string axis) => count switch
    {
        0 => "",
        1 => $"the last {axis} ({axis} {size - 1})",
        _ => $"the last {count} {axis}s ({axis}s {size - count} to {size - 1})",
    };
}

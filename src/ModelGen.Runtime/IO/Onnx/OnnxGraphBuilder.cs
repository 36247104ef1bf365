using System.Buffers.Binary;
using ModelGen.Kernels;

namespace ModelGen.IO.Onnx;

/// <summary>
/// Builds the ONNX graph of a model layer by layer, as generated <c>ExportOnnx</c> methods do, and
/// writes it as an ONNX model (IR version 8, opset 17). Each call appends the nodes of one layer
/// after the previous one, with the layer's weights copied into float32 initializers.
/// </summary>
/// <remarks>
/// <para>The graph's input is <c>input</c>, <c>(batch, ...input shape...)</c>, and its output
/// <c>output</c>; <c>batch</c> is a symbolic dimension. It computes what the model's inference pass
/// computes: dropout is absent and batch normalization uses the moving statistics.</para>
/// <para>Activations stay in ModelGen's NHWC layout throughout, so Flatten and Reshape keep its
/// element order. Operators that want channels first (Conv, MaxPool, AveragePool,
/// BatchNormalization) are wrapped in a Transpose pair; ONNX Runtime cancels adjacent pairs. Padding
/// is written out as explicit <c>pads</c> from ModelGen's own geometry, since Keras' same padding
/// puts the odd cell after the input, which <c>auto_pad</c> does not always match.</para>
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>The name of the graph input.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph output.</summary>
    public const string OutputName = "output";

    /// <summary>The symbolic first dimension of the input and output.</summary>
    public const string BatchDimension = "batch";

    private readonly string _graphName;
    private readonly int[] _inputShape;
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal) { InputName, OutputName };
    private string _current = InputName;
    private int[] _shape;

    /// <summary>Starts a graph whose input holds samples of <paramref name="inputShape"/>.</summary>
    /// <param name="graphName">The graph's name, usually the model class's.</param>
    /// <param name="inputShape">One sample's shape, without the batch dimension.</param>
    public OnnxGraphBuilder(string graphName, ReadOnlySpan<int> inputShape)
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        RequirePositive(inputShape, nameof(inputShape));
        _graphName = graphName;
        _inputShape = inputShape.ToArray();
        _shape = _inputShape;
    }

    /// <summary>One sample's shape at the end of the graph so far.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>
    /// Dense: <c>Gemm(x, kernel, bias)</c> on <c>(batch, inputs)</c>. The kernel is ModelGen's
    /// <c>(inputs, units)</c>, written as initializer <c>{name}.kernel</c> in that order.
    /// </summary>
    /// <param name="name">The layer's name; its nodes and initializers are named after it.</param>
    /// <param name="kernel"><c>(inputs, units)</c>, row-major.</param>
    /// <param name="bias"><c>(units)</c>, or empty for a layer without bias.</param>
    /// <param name="units">Output features.</param>
    public void Dense(string name, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, int units)
    {
        RequireRank(name, "Dense", 1);
        int inputs = _shape[0];
        RequireLength(kernel, inputs * units, nameof(kernel));
        string weight = Floats($"{name}.kernel", kernel, [inputs, units], FileLayout.Same);
        string[] operands = bias.IsEmpty ? [_current, weight] : [_current, weight, Bias(name, bias, units)];
        Append($"{name}/Gemm", "Gemm", operands, [units]);
    }

    /// <summary>
    /// Conv2D over NHWC samples: Transpose to NCHW, <c>Conv</c> with the geometry's strides, dilations
    /// and explicit pads, Transpose back. The kernel, ModelGen's <c>(kh, kw, in, out)</c>, is written as
    /// initializer <c>{name}.weight</c> in ONNX's (and PyTorch's) <c>(out, in, kh, kw)</c> order.
    /// </summary>
    /// <param name="name">The layer's name.</param>
    /// <param name="kernel"><c>(kh, kw, in, out)</c>, row-major.</param>
    /// <param name="bias"><c>(out)</c>, or empty for a layer without bias.</param>
    /// <param name="geometry">Where the kernel lands; its input must be the current sample shape.</param>
    public void Conv2D(string name, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, in Conv2DGeometry geometry)
    {
        RequireImage(name, "Conv2D", geometry.Height, geometry.Width, geometry.Channels);
        RequireLength(kernel, geometry.KernelLength, nameof(kernel));
        int k = geometry.KernelSize, span = geometry.Dilation * (k - 1) + 1;
        string weight = Floats($"{name}.weight", kernel, [k, k, geometry.Channels, geometry.Filters], FileLayout.ConvolutionKernel);
        string channelsFirst = ToChannelsFirst(name);
        string[] operands = bias.IsEmpty ? [channelsFirst, weight] : [channelsFirst, weight, Bias(name, bias, geometry.Filters)];
        Append($"{name}/Conv", "Conv", operands, [geometry.Filters, geometry.OutHeight, geometry.OutWidth],
            OnnxAttribute.Ints("kernel_shape", k, k),
            OnnxAttribute.Ints("strides", geometry.Stride, geometry.Stride),
            OnnxAttribute.Ints("dilations", geometry.Dilation, geometry.Dilation),
            Pads(geometry.Height, geometry.Width, span, geometry.Stride, geometry.PadTop, geometry.PadLeft, geometry.OutHeight, geometry.OutWidth));
        ToChannelsLast(name);
    }

    /// <summary>MaxPool2D over NHWC samples: <c>MaxPool</c> between Transposes, explicit pads (padding never wins a maximum).</summary>
    /// <param name="name">The layer's name.</param>
    /// <param name="geometry">Where the windows land; its input must be the current sample shape.</param>
    public void MaxPool2D(string name, in Pooling2DGeometry geometry) => Pool(name, "MaxPool", geometry);

    /// <summary>
    /// AvgPool2D over NHWC samples: <c>AveragePool</c> between Transposes, explicit pads, and
    /// <c>count_include_pad = 0</c>: as in ModelGen and Keras, a window averages only the cells inside the input.
    /// </summary>
    /// <param name="name">The layer's name.</param>
    /// <param name="geometry">Where the windows land; its input must be the current sample shape.</param>
    public void AveragePool2D(string name, in Pooling2DGeometry geometry) => Pool(name, "AveragePool", geometry, OnnxAttribute.Int("count_include_pad", 0));

    /// <summary>GlobalAveragePooling2D: <c>ReduceMean</c> over the height and width axes of NHWC samples, <c>(h, w, c)</c> to <c>(c)</c>.</summary>
    /// <param name="name">The layer's name.</param>
    public void GlobalAveragePooling2D(string name)
    {
        RequireRank(name, "GlobalAveragePooling2D", 3);
        Append($"{name}/ReduceMean", "ReduceMean", [_current], [_shape[2]], OnnxAttribute.Ints("axes", 1, 2), OnnxAttribute.Int("keepdims", 0));
    }

    /// <summary>
    /// BatchNormalization over the last axis in inference mode: <c>gamma * (x - mean) / sqrt(variance + epsilon) + beta</c>
    /// with the moving statistics. The channels move to axis 1 and back, as ONNX's operator wants them.
    /// </summary>
    /// <param name="name">The layer's name.</param>
    /// <param name="gamma">Scale per channel.</param>
    /// <param name="beta">Offset per channel.</param>
    /// <param name="movingMean">Moving mean per channel.</param>
    /// <param name="movingVariance">Moving variance per channel.</param>
    /// <param name="epsilon">Added to the variance.</param>
    public void BatchNormalization(string name, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon)
    {
        int channels = _shape[^1];
        RequireLength(gamma, channels, nameof(gamma));
        RequireLength(beta, channels, nameof(beta));
        RequireLength(movingMean, channels, nameof(movingMean));
        RequireLength(movingVariance, channels, nameof(movingVariance));
        string[] operands =
        [
            ToChannelsFirst(name),
            Floats($"{name}.weight", gamma, [channels], FileLayout.Same),
            Floats($"{name}.bias", beta, [channels], FileLayout.Same),
            Floats($"{name}.running_mean", movingMean, [channels], FileLayout.Same),
            Floats($"{name}.running_var", movingVariance, [channels], FileLayout.Same),
        ];
        Append($"{name}/BatchNormalization", "BatchNormalization", operands, _shape, OnnxAttribute.Float("epsilon", epsilon));
        ToChannelsLast(name);
    }

    /// <summary>Flatten or Reshape: the same values, row-major, with sample shape <paramref name="shape"/>.</summary>
    /// <param name="name">The layer's name.</param>
    /// <param name="shape">The new sample shape; it must hold as many values as the current one.</param>
    public void Reshape(string name, ReadOnlySpan<int> shape)
    {
        RequirePositive(shape, nameof(shape));
        int[] target = shape.ToArray();
        if (Length(target) != Length(_shape))
            throw new ArgumentException($"Layer '{name}' reshapes ({string.Join(", ", _shape)}) to ({string.Join(", ", target)}), which holds a different number of values.", nameof(shape));
        ReshapeTo($"{name}/Reshape", target);
    }

    /// <summary>
    /// The activation that follows layer <paramref name="name"/>. Softmax runs over all of a sample's
    /// values, as ModelGen's does (a reshape to <c>(batch, values)</c> and back when the sample is not
    /// a vector); GELU is the exact, erf-based one, built from <c>Erf</c>, <c>Mul</c> and <c>Add</c>
    /// since opset 17 has no <c>Gelu</c> operator. Linear adds nothing.
    /// </summary>
    /// <param name="name">The layer's name.</param>
    /// <param name="activation">The activation.</param>
    /// <param name="negativeSlope">LeakyReLU's slope for negative inputs; ignored by the others.</param>
    public void Activation(string name, Activation activation, float negativeSlope = 0f)
    {
        switch (activation)
        {
            case ModelGen.Activation.Linear:
                break;
            case ModelGen.Activation.ReLU:
                Append($"{name}/Relu", "Relu", [_current], _shape);
                break;
            case ModelGen.Activation.LeakyReLU:
                Append($"{name}/LeakyRelu", "LeakyRelu", [_current], _shape, OnnxAttribute.Float("alpha", negativeSlope));
                break;
            case ModelGen.Activation.Sigmoid:
                Append($"{name}/Sigmoid", "Sigmoid", [_current], _shape);
                break;
            case ModelGen.Activation.Tanh:
                Append($"{name}/Tanh", "Tanh", [_current], _shape);
                break;
            case ModelGen.Activation.Softmax:
                Softmax(name);
                break;
            case ModelGen.Activation.Gelu:
                Gelu(name);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>Writes the model: the graph built so far, whose last tensor becomes the output <c>output</c>.</summary>
    /// <param name="stream">Where the model's bytes go, from its current position.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var nodes = new List<OnnxNode>(_nodes);
        // The last node writes the output under its graph name; a graph of no nodes passes the input through.
        if (nodes.Count == 0) nodes.Add(new OnnxNode($"{OutputName}/Identity", "Identity", [InputName], OutputName, []));
        else nodes[^1] = nodes[^1] with { Output = OutputName };
        ProtobufWriter model = OnnxModelEncoder.Encode(_graphName, nodes, _initializers, (InputName, _inputShape), (OutputName, _shape), BatchDimension);
        stream.Write(model.WrittenSpan);
    }

    private void Pool(string name, string opType, in Pooling2DGeometry geometry, params OnnxAttribute[] extra)
    {
        RequireImage(name, opType, geometry.Height, geometry.Width, geometry.Channels);
        int p = geometry.PoolSize;
        OnnxAttribute[] attributes =
        [
            OnnxAttribute.Ints("kernel_shape", p, p),
            OnnxAttribute.Ints("strides", geometry.Stride, geometry.Stride),
            Pads(geometry.Height, geometry.Width, p, geometry.Stride, geometry.PadTop, geometry.PadLeft, geometry.OutHeight, geometry.OutWidth),
            .. extra,
        ];
        Append($"{name}/{opType}", opType, [ToChannelsFirst(name)], [geometry.Channels, geometry.OutHeight, geometry.OutWidth], attributes);
        ToChannelsLast(name);
    }

    // ONNX's pads are [top, left, bottom, right]; the cells after the input are whatever the last
    // window needs beyond it (none for valid padding, which may leave input cells uncovered instead).
    private static OnnxAttribute Pads(int height, int width, int span, int stride, int padTop, int padLeft, int outHeight, int outWidth)
    {
        int bottom = Math.Max(0, (outHeight - 1) * stride + span - height - padTop);
        int right = Math.Max(0, (outWidth - 1) * stride + span - width - padLeft);
        return OnnxAttribute.Ints("pads", padTop, padLeft, bottom, right);
    }

    private void Softmax(string name)
    {
        int[] shape = _shape;
        if (shape.Length > 1) ReshapeTo($"{name}/SoftmaxRows", [Length(shape)]);
        Append($"{name}/Softmax", "Softmax", [_current], _shape, OnnxAttribute.Int("axis", -1));
        if (shape.Length > 1) ReshapeTo($"{name}/SoftmaxShape", shape);
    }

    // GELU(x) = x * 0.5 * (1 + erf(x / sqrt(2))), in the order ModelGen's kernel evaluates it.
    private void Gelu(string name)
    {
        string x = _current;
        Append($"{name}/GeluScale", "Mul", [x, Scalar($"{name}/gelu_inverse_sqrt2", 0.70710678118654752f)], _shape);
        Append($"{name}/GeluErf", "Erf", [_current], _shape);
        Append($"{name}/GeluAddOne", "Add", [_current, Scalar($"{name}/gelu_one", 1f)], _shape);
        Append($"{name}/GeluHalf", "Mul", [_current, Scalar($"{name}/gelu_half", 0.5f)], _shape);
        Append($"{name}/Gelu", "Mul", [x, _current], _shape);
    }

    // Moves the last axis of the current tensor to axis 1; a vector sample already has it there.
    private string ToChannelsFirst(string name)
    {
        int rank = _shape.Length;
        if (rank == 1) return _current;
        long[] permutation = [0, rank, .. Enumerable.Range(1, rank - 1).Select(axis => (long)axis)];
        int[] shape = [_shape[^1], .. _shape[..^1]];
        Append($"{name}/ToChannelsFirst", "Transpose", [_current], shape, OnnxAttribute.Ints("perm", permutation));
        return _current;
    }

    // The inverse of ToChannelsFirst, applied to the channels-first result of the operator between them.
    private void ToChannelsLast(string name)
    {
        int rank = _shape.Length;
        if (rank == 1) return;
        long[] permutation = [0, .. Enumerable.Range(2, rank - 1).Select(axis => (long)axis), 1];
        int[] shape = [.. _shape[1..], _shape[0]];
        Append($"{name}/ToChannelsLast", "Transpose", [_current], shape, OnnxAttribute.Ints("perm", permutation));
    }

    private void ReshapeTo(string nodeName, int[] shape)
    {
        byte[] target = new byte[(shape.Length + 1) * sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(target, -1);
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(target.AsSpan((i + 1) * sizeof(long)), shape[i]);
        string shapeName = AddInitializer(new OnnxInitializer($"{nodeName}/shape", OnnxInitializer.Int64, [shape.Length + 1], target));
        Append(nodeName, "Reshape", [_current, shapeName], shape);
    }

    private string Bias(string name, ReadOnlySpan<float> bias, int length)
    {
        RequireLength(bias, length, nameof(bias));
        return Floats($"{name}.bias", bias, [length], FileLayout.Same);
    }

    private string Scalar(string name, float value) => Floats(name, [value], [], FileLayout.Same);

    // Initializer bytes in ONNX's order: FileOrder writes a tensor little-endian, permuting a
    // convolution kernel from ModelGen's (kh, kw, in, out) to (out, in, kh, kw) as for weight files.
    private string Floats(string name, ReadOnlySpan<float> values, int[] shape, FileLayout layout)
    {
        var tensor = new ParameterTensor(name, 0, shape, layout, 0f, 0f);
        byte[] bytes = new byte[values.Length * sizeof(float)];
        FileOrder.Encode(tensor, values, bytes);
        return AddInitializer(new OnnxInitializer(name, OnnxInitializer.Float32, tensor.FileShape.Select(d => (long)d).ToArray(), bytes));
    }

    private string AddInitializer(OnnxInitializer initializer)
    {
        Claim(initializer.Name);
        _initializers.Add(initializer);
        return initializer.Name;
    }

    // Appends a node reading `inputs` whose output, named after the node, becomes the current tensor.
    private void Append(string nodeName, string opType, string[] inputs, int[] shape, params OnnxAttribute[] attributes)
    {
        Claim(nodeName);
        _nodes.Add(new OnnxNode(nodeName, opType, inputs, nodeName, attributes));
        _current = nodeName;
        _shape = shape;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name))
            throw new ArgumentException($"The graph already has a node or initializer named '{name}'; layer names must be unique.", nameof(name));
    }

    private void RequireRank(string name, string kind, int rank)
    {
        if (_shape.Length != rank)
            throw new InvalidOperationException($"Layer '{name}' ({kind}) needs a rank-{rank} sample, but the graph's is ({string.Join(", ", _shape)}).");
    }

    private void RequireImage(string name, string kind, int height, int width, int channels)
    {
        RequireRank(name, kind, 3);
        if (_shape[0] != height || _shape[1] != width || _shape[2] != channels)
            throw new InvalidOperationException($"Layer '{name}' ({kind}) is built for ({height}, {width}, {channels}) images, but the graph's sample is ({string.Join(", ", _shape)}).");
    }

    private static void RequireLength(ReadOnlySpan<float> values, int expected, string parameter)
    {
        if (values.Length != expected)
            throw new ArgumentException($"Expected {expected} values, got {values.Length}.", parameter);
    }

    private static void RequirePositive(ReadOnlySpan<int> shape, string parameter)
    {
        if (shape.IsEmpty) throw new ArgumentException("A sample shape needs at least one dimension.", parameter);
        foreach (int dimension in shape)
            if (dimension <= 0) throw new ArgumentException($"Dimensions must be positive; got {dimension}.", parameter);
    }

    private static int Length(int[] shape) => shape.Aggregate(1, (product, dimension) => product * dimension);
}

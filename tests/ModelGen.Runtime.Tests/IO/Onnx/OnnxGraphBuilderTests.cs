using ModelGen.Kernels;

namespace ModelGen.IO.Onnx.Tests;

/// <summary>
/// The builder's output decoded field by field: the model header, the graph's chaining, the
/// NHWC/NCHW transposes, explicit pads and the order of initializer data. That ONNX Runtime runs
/// the graphs and agrees with the generated models is checked in the generator tests.
/// </summary>
public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void Model_header_names_ir_version_8_opset_17_and_the_producer()
    {
        var model = new DecodedModel(TinyCnn());

        Assert.Equal(8, model.Model.Int(ModelProto.IrVersion));
        Assert.Equal("ModelGen", model.Model.String(ModelProto.ProducerName));
        ProtoMessage opset = Assert.Single(model.Model.Messages(ModelProto.OpsetImport));
        Assert.Equal("", opset.String(OperatorSetIdProto.Domain));
        Assert.Equal(17, opset.Int(OperatorSetIdProto.Version));
        Assert.Equal("Tiny", model.Graph.String(GraphProto.Name));
    }

    [Fact]
    public void Input_and_output_are_float32_with_a_symbolic_batch_dimension()
    {
        var model = new DecodedModel(TinyCnn());

        Assert.Equal("input: float32 (batch, 3, 3, 2)", model.ValueInfo(GraphProto.Input));
        Assert.Equal("output: float32 (batch, 3)", model.ValueInfo(GraphProto.Output));
    }

    [Fact]
    public void Nodes_form_one_chain_from_input_to_output()
    {
        var model = new DecodedModel(TinyCnn());

        Assert.Equal(["Transpose", "Conv", "Transpose", "Reshape", "Gemm", "Softmax"], model.OpTypes);
        Assert.Equal("input", model.Nodes[0].Inputs[0]);
        for (int i = 1; i < model.Nodes.Length; i++) Assert.Equal(model.Nodes[i - 1].Output, model.Nodes[i].Inputs[0]);
        Assert.Equal("output", model.Nodes[^1].Output);
        Assert.Equal(model.Nodes.Length, model.Nodes.Select(node => node.Name).Distinct().Count());
    }

    [Fact]
    public void Convolution_runs_channels_first_between_transposes_with_keras_same_pads()
    {
        var model = new DecodedModel(TinyCnn());

        Assert.Equal([0, 3, 1, 2], model.Nodes[0].Ints("perm"));
        Assert.Equal([0, 2, 3, 1], model.Nodes[2].Ints("perm"));
        DecodedNode conv = model.Node("Conv");
        Assert.Equal(["conv/ToChannelsFirst", "conv.weight", "conv.bias"], conv.Inputs);
        Assert.Equal([2, 2], conv.Ints("kernel_shape"));
        Assert.Equal([2, 2], conv.Ints("strides"));
        Assert.Equal([1, 1], conv.Ints("dilations"));
        // 3 pixels, window 2, stride 2: ceil(3/2) = 2 outputs need one padding pixel, which Keras puts after the input.
        Assert.Equal([0, 0, 1, 1], conv.Ints("pads"));
    }

    [Fact]
    public void Convolution_kernel_is_written_out_in_kh_kw_order()
    {
        var model = new DecodedModel(TinyCnn());

        // ModelGen's kernel is (kh, kw, in, out) holding 0, 1, 2...; ONNX's W is (out, in, kh, kw).
        Assert.Equal([2, 2, 2, 2], model.Dimensions("conv.weight"));
        float[] weight = model.FloatData("conv.weight");
        for (int o = 0; o < 2; o++)
            for (int i = 0; i < 2; i++)
                for (int y = 0; y < 2; y++)
                    for (int x = 0; x < 2; x++)
                        Assert.Equal(((y * 2 + x) * 2 + i) * 2 + o, weight[((o * 2 + i) * 2 + y) * 2 + x]);
        Assert.Equal([0.5f, -0.5f], model.FloatData("conv.bias"));
    }

    [Fact]
    public void Dense_is_gemm_on_the_inputs_by_units_kernel_and_reshape_keeps_the_batch_free()
    {
        var model = new DecodedModel(TinyCnn());

        DecodedNode gemm = model.Node("Gemm");
        Assert.Equal(["flat/Reshape", "dense.kernel"], gemm.Inputs);
        Assert.Empty(gemm.AttributeNames);
        Assert.Equal([8, 3], model.Dimensions("dense.kernel"));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i / 10f), model.FloatData("dense.kernel"));
        Assert.Equal([-1, 8], model.Int64Data("flat/Reshape/shape"));
        Assert.Equal(-1, model.Node("Softmax").Int("axis"));
    }

    [Fact]
    public void Average_pooling_excludes_padding_and_max_pooling_pads_explicitly()
    {
        var builder = new OnnxGraphBuilder("Pools", [5, 4, 1]);
        builder.AveragePool2D("average", Pooling2DGeometry.Create(5, 4, 1, poolSize: 2, stride: 2, Padding.Same));
        builder.MaxPool2D("max", Pooling2DGeometry.Create(3, 2, 1, poolSize: 3, stride: 1, Padding.Same));

        var model = new DecodedModel(builder);

        DecodedNode average = model.Node("AveragePool");
        Assert.Equal(0, average.Int("count_include_pad"));
        Assert.Equal([0, 0, 1, 0], average.Ints("pads"));
        Assert.Equal([1, 1, 1, 1], model.Node("MaxPool").Ints("pads"));
        Assert.Equal("output: float32 (batch, 3, 2, 1)", model.ValueInfo(GraphProto.Output));
    }

    [Fact]
    public void Batch_normalization_moves_image_channels_to_axis_1_and_leaves_vectors_alone()
    {
        var builder = new OnnxGraphBuilder("Norms", [2, 2, 3]);
        float[] ones = [1f, 1f, 1f], zeros = [0f, 0f, 0f];
        builder.BatchNormalization("image", ones, zeros, [0.1f, 0.2f, 0.3f], [2f, 3f, 4f], 0.001f);
        builder.Reshape("flat", [12]);
        builder.Dense("dense", new float[12 * 3], [], 3);
        builder.BatchNormalization("vector", ones, zeros, zeros, ones, 0.01f);

        var model = new DecodedModel(builder);

        Assert.Equal(["Transpose", "BatchNormalization", "Transpose", "Reshape", "Gemm", "BatchNormalization"], model.OpTypes);
        Assert.Equal(0.001f, model.Nodes[1].Float("epsilon"));
        Assert.Equal(["image/ToChannelsFirst", "image.weight", "image.bias", "image.running_mean", "image.running_var"], model.Nodes[1].Inputs);
        Assert.Equal([2f, 3f, 4f], model.FloatData("image.running_var"));
        Assert.Equal("dense/Gemm", model.Nodes[5].Inputs[0]);
    }

    [Fact]
    public void Softmax_over_an_image_sample_spans_all_its_values()
    {
        var builder = new OnnxGraphBuilder("Softmax", [2, 3, 2]);
        builder.Activation("probabilities", Activation.Softmax);

        var model = new DecodedModel(builder);

        Assert.Equal(["Reshape", "Softmax", "Reshape"], model.OpTypes);
        Assert.Equal([-1, 12], model.Int64Data("probabilities/SoftmaxRows/shape"));
        Assert.Equal([-1, 2, 3, 2], model.Int64Data("probabilities/SoftmaxShape/shape"));
    }

    [Fact]
    public void Gelu_is_the_exact_erf_form_built_from_primitives()
    {
        var builder = new OnnxGraphBuilder("Gelu", [4]);
        builder.Activation("g", Activation.Gelu);

        var model = new DecodedModel(builder);

        Assert.Equal(["Mul", "Erf", "Add", "Mul", "Mul"], model.OpTypes);
        Assert.Equal([MathF.Sqrt(0.5f)], model.FloatData("g/gelu_inverse_sqrt2"));
        Assert.Empty(model.Dimensions("g/gelu_half"));
        Assert.Equal(["input", "g/GeluHalf"], model.Nodes[^1].Inputs);
    }

    [Fact]
    public void Leaky_relu_carries_its_slope_and_linear_adds_nothing()
    {
        var builder = new OnnxGraphBuilder("Leaky", [4]);
        builder.Activation("a", Activation.Linear);
        builder.Activation("b", Activation.LeakyReLU, 0.3f);

        var model = new DecodedModel(builder);

        Assert.Equal(0.3f, Assert.Single(model.Nodes).Float("alpha"));
    }

    [Fact]
    public void A_graph_without_nodes_passes_its_input_through()
    {
        var model = new DecodedModel(new OnnxGraphBuilder("Empty", [4]));

        DecodedNode identity = Assert.Single(model.Nodes);
        Assert.Equal(("Identity", "input", "output"), (identity.OpType, identity.Inputs.Single(), identity.Output));
    }

    [Fact]
    public void Mismatched_layers_are_refused_with_their_names()
    {
        var builder = new OnnxGraphBuilder("Wrong", [4, 4, 1]);

        Assert.Contains("'dense'", Assert.Throws<InvalidOperationException>(() => builder.Dense("dense", new float[16], [], 1)).Message);
        Assert.Contains("'conv'", Assert.Throws<InvalidOperationException>(() =>
            builder.Conv2D("conv", new float[9], [], Conv2DGeometry.Create(5, 5, 1, 1, 3, 1, 1, Padding.Valid))).Message);
        Assert.Throws<ArgumentException>(() => builder.Reshape("flat", [15]));
        builder.Reshape("flat", [16]);
        Assert.Throws<ArgumentException>(() => builder.Reshape("flat", [16]));
        Assert.Throws<ArgumentException>(() => builder.Dense("dense", new float[15], [], 1));
    }

    // (3, 3, 2) -> Conv2D 2x2 stride 2 same, 2 filters -> (2, 2, 2) -> flatten (8) -> Dense 3, no bias, softmax.
    private static OnnxGraphBuilder TinyCnn()
    {
        var builder = new OnnxGraphBuilder("Tiny", [3, 3, 2]);
        float[] kernel = Enumerable.Range(0, 16).Select(i => (float)i).ToArray();
        builder.Conv2D("conv", kernel, [0.5f, -0.5f], Conv2DGeometry.Create(3, 3, 2, filters: 2, kernelSize: 2, stride: 2, dilation: 1, Padding.Same));
        builder.Reshape("flat", [8]);
        builder.Dense("dense", Enumerable.Range(0, 24).Select(i => i / 10f).ToArray(), [], 3);
        builder.Activation("dense", Activation.Softmax);
        return builder;
    }
}

namespace ModelGen.IO.Onnx;

/// <summary>
/// Encodes a graph as an ONNX <c>ModelProto</c>: IR version 8, the default domain at opset 17,
/// producer <c>ModelGen</c>, one float32 input and one float32 output whose first dimension is the
/// symbolic <c>batch</c>. Field numbers are those of onnx/onnx.proto, named below.
/// </summary>
internal static class OnnxModelEncoder
{
    public const long IrVersion = 8;
    public const long OpsetVersion = 17;
    public const string ProducerName = "ModelGen";

    private static class ModelField
    {
        public const int IrVersion = 1, ProducerName = 2, Graph = 7, OpsetImport = 8;
    }

    private static class OpsetField
    {
        public const int Domain = 1, Version = 2;
    }

    private static class GraphField
    {
        public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12;
    }

    private static class NodeField
    {
        public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
    }

    private static class AttributeField
    {
        public const int Name = 1, Float = 2, Int = 3, Ints = 8, Type = 20;
    }

    private static class TensorField
    {
        public const int Dims = 1, DataType = 2, Name = 8, RawData = 9;
    }

    private static class ValueInfoField
    {
        public const int Name = 1, Type = 2;
    }

    // TypeProto.tensor_type, TypeProto.Tensor.{elem_type, shape}, TensorShapeProto.dim and its dim_value/dim_param.
    private static class TypeField
    {
        public const int TensorType = 1, ElementType = 1, Shape = 2, Dim = 1, DimValue = 1, DimParam = 2;
    }

    /// <summary>The model's bytes.</summary>
    /// <param name="graphName">The graph's name (the model class).</param>
    /// <param name="nodes">Operators in topological order.</param>
    /// <param name="initializers">Constant tensors the nodes read.</param>
    /// <param name="input">Name and per-sample shape of the graph input.</param>
    /// <param name="output">Name and per-sample shape of the graph output.</param>
    /// <param name="batchDimension">The symbolic name of both tensors' first dimension.</param>
    public static ProtobufWriter Encode(string graphName, IReadOnlyList<OnnxNode> nodes, IReadOnlyList<OnnxInitializer> initializers,
        (string Name, int[] Shape) input, (string Name, int[] Shape) output, string batchDimension)
    {
        var graph = new ProtobufWriter();
        foreach (OnnxNode node in nodes) graph.Message(GraphField.Node, Node(node));
        graph.String(GraphField.Name, graphName);
        foreach (OnnxInitializer initializer in initializers) graph.Message(GraphField.Initializer, Tensor(initializer));
        graph.Message(GraphField.Input, ValueInfo(input.Name, input.Shape, batchDimension));
        graph.Message(GraphField.Output, ValueInfo(output.Name, output.Shape, batchDimension));

        var opset = new ProtobufWriter();
        opset.String(OpsetField.Domain, "");
        opset.Int64(OpsetField.Version, OpsetVersion);

        var model = new ProtobufWriter();
        model.Int64(ModelField.IrVersion, IrVersion);
        model.String(ModelField.ProducerName, ProducerName);
        model.Message(ModelField.Graph, graph);
        model.Message(ModelField.OpsetImport, opset);
        return model;
    }

    private static ProtobufWriter Node(OnnxNode node)
    {
        var message = new ProtobufWriter();
        foreach (string input in node.Inputs) message.String(NodeField.Input, input);
        message.String(NodeField.Output, node.Output);
        message.String(NodeField.Name, node.Name);
        message.String(NodeField.OpType, node.OpType);
        foreach (OnnxAttribute attribute in node.Attributes) message.Message(NodeField.Attribute, Attribute(attribute));
        return message;
    }

    private static ProtobufWriter Attribute(OnnxAttribute attribute)
    {
        var message = new ProtobufWriter();
        message.String(AttributeField.Name, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Float:
                message.Float(AttributeField.Float, attribute.FloatValue);
                break;
            case OnnxAttributeType.Int:
                message.Int64(AttributeField.Int, attribute.IntValue);
                break;
            case OnnxAttributeType.Ints:
                // Unpacked, one field per element: what proto2's onnx.proto declares; every parser reads it.
                foreach (long value in attribute.IntValues!) message.Int64(AttributeField.Ints, value);
                break;
        }
        message.Int64(AttributeField.Type, (long)attribute.Type);
        return message;
    }

    private static ProtobufWriter Tensor(OnnxInitializer initializer)
    {
        var message = new ProtobufWriter();
        foreach (long dimension in initializer.Dimensions) message.Int64(TensorField.Dims, dimension);
        message.Int64(TensorField.DataType, initializer.DataType);
        message.String(TensorField.Name, initializer.Name);
        message.Bytes(TensorField.RawData, initializer.RawData);
        return message;
    }

    private static ProtobufWriter ValueInfo(string name, int[] shape, string batchDimension)
    {
        var dimensions = new ProtobufWriter();
        var batch = new ProtobufWriter();
        batch.String(TypeField.DimParam, batchDimension);
        dimensions.Message(TypeField.Dim, batch);
        foreach (int size in shape)
        {
            var dimension = new ProtobufWriter();
            dimension.Int64(TypeField.DimValue, size);
            dimensions.Message(TypeField.Dim, dimension);
        }

        var tensorType = new ProtobufWriter();
        tensorType.Int64(TypeField.ElementType, OnnxInitializer.Float32);
        tensorType.Message(TypeField.Shape, dimensions);

        var type = new ProtobufWriter();
        type.Message(TypeField.TensorType, tensorType);

        var message = new ProtobufWriter();
        message.String(ValueInfoField.Name, name);
        message.Message(ValueInfoField.Type, type);
        return message;
    }
}

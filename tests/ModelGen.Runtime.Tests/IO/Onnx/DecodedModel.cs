using System.Buffers.Binary;

namespace ModelGen.IO.Onnx.Tests;

/// <summary>An ONNX model as <see cref="OnnxGraphBuilder"/> wrote it, decoded into what the tests look at.</summary>
internal sealed class DecodedModel
{
    public DecodedModel(OnnxGraphBuilder builder)
    {
        using var stream = new MemoryStream();
        builder.WriteTo(stream);
        Model = new ProtoMessage(stream.ToArray());
        Graph = Model.Message(ModelProto.Graph);
        Nodes = Graph.Messages(GraphProto.Node).Select(node => new DecodedNode(node)).ToArray();
        Initializers = Graph.Messages(GraphProto.Initializer).ToDictionary(tensor => tensor.String(TensorProto.Name));
    }

    public ProtoMessage Model { get; }

    public ProtoMessage Graph { get; }

    public DecodedNode[] Nodes { get; }

    public Dictionary<string, ProtoMessage> Initializers { get; }

    public string[] OpTypes => Nodes.Select(node => node.OpType).ToArray();

    public DecodedNode Node(string opType) => Assert.Single(Nodes, node => node.OpType == opType);

    public long[] Dimensions(string initializer) => Initializers[initializer].Ints(TensorProto.Dims);

    public float[] FloatData(string initializer)
    {
        ProtoMessage tensor = Initializers[initializer];
        Assert.Equal(TensorProto.Float, tensor.Int(TensorProto.DataType));
        byte[] raw = tensor.Bytes(TensorProto.RawData);
        return Enumerable.Range(0, raw.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * i))).ToArray();
    }

    public long[] Int64Data(string initializer)
    {
        ProtoMessage tensor = Initializers[initializer];
        Assert.Equal(TensorProto.Int64, tensor.Int(TensorProto.DataType));
        byte[] raw = tensor.Bytes(TensorProto.RawData);
        return Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(8 * i))).ToArray();
    }

    /// <summary>A graph input or output as <c>name: element type (dimensions)</c>, a symbolic dimension by its name.</summary>
    public string ValueInfo(int field)
    {
        ProtoMessage info = Assert.Single(Graph.Messages(field));
        ProtoMessage tensorType = info.Message(ValueInfoProto.Type).Message(TypeProto.TensorType);
        string[] dimensions = tensorType.Message(TypeProto.Shape).Messages(TypeProto.Dim)
            .Select(dim => dim.Has(TypeProto.DimParam) ? dim.String(TypeProto.DimParam) : dim.Int(TypeProto.DimValue).ToString())
            .ToArray();
        long elementType = tensorType.Int(TypeProto.ElemType);
        string type = elementType == TensorProto.Float ? "float32" : $"type {elementType}";
        return $"{info.String(ValueInfoProto.Name)}: {type} ({string.Join(", ", dimensions)})";
    }
}

/// <summary>One decoded node with its attributes by name.</summary>
internal sealed class DecodedNode(ProtoMessage node)
{
    private readonly Dictionary<string, ProtoMessage> _attributes =
        node.Messages(NodeProto.Attribute).ToDictionary(attribute => attribute.String(AttributeProto.Name));

    public string Name { get; } = node.String(NodeProto.Name);

    public string OpType { get; } = node.String(NodeProto.OpType);

    public string[] Inputs { get; } = node.Strings(NodeProto.Input);

    public string Output { get; } = node.String(NodeProto.Output);

    public IReadOnlyCollection<string> AttributeNames => _attributes.Keys;

    public long Int(string name) => Typed(name, AttributeProto.IntType).Int(AttributeProto.I);

    public float Float(string name) => Typed(name, AttributeProto.FloatType).Float(AttributeProto.F);

    public long[] Ints(string name) => Typed(name, AttributeProto.IntsType).Ints(AttributeProto.Ints);

    private ProtoMessage Typed(string name, long type)
    {
        ProtoMessage attribute = _attributes[name];
        Assert.Equal(type, attribute.Int(AttributeProto.Type));
        return attribute;
    }
}

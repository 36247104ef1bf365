namespace ModelGen.IO.Onnx;

/// <summary>One operator of the graph (ONNX's <c>NodeProto</c>): every node ModelGen writes has one output.</summary>
/// <param name="Name">Unique node name, <c>{layer}/{role}</c>; also the name of its output unless renamed.</param>
/// <param name="OpType">The operator in the default domain (<c>Conv</c>, <c>Gemm</c>).</param>
/// <param name="Inputs">Names of the tensors it reads, in the operator's order.</param>
/// <param name="Output">Name of the tensor it writes.</param>
/// <param name="Attributes">The operator's attributes.</param>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string Output, OnnxAttribute[] Attributes);

/// <summary>A node attribute (ONNX's <c>AttributeProto</c>): one int, one float, or a list of ints.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeType Type, long IntValue = 0, float FloatValue = 0f, long[]? IntValues = null)
{
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, IntValue: value);

    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, FloatValue: value);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeType.Ints, IntValues: values);
}

/// <summary>ONNX's <c>AttributeProto.AttributeType</c> values that ModelGen writes.</summary>
internal enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    Ints = 7,
}

/// <summary>A constant tensor of the graph (ONNX's <c>TensorProto</c> as an initializer), little-endian raw data.</summary>
/// <param name="Name">The name nodes read it by.</param>
/// <param name="DataType">ONNX's <c>TensorProto.DataType</c>: <see cref="Float32"/> or <see cref="Int64"/>.</param>
/// <param name="Dimensions">Its shape.</param>
/// <param name="RawData">Its elements, row-major, little-endian.</param>
internal sealed record OnnxInitializer(string Name, int DataType, long[] Dimensions, byte[] RawData)
{
    public const int Float32 = 1;
    public const int Int64 = 7;
}

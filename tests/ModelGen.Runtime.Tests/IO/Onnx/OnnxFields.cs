namespace ModelGen.IO.Onnx.Tests;

// Field numbers from onnx/onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto),
// copied here independently of the writer's own constants.

internal static class ModelProto
{
    public const int IrVersion = 1, ProducerName = 2, Graph = 7, OpsetImport = 8;
}

internal static class OperatorSetIdProto
{
    public const int Domain = 1, Version = 2;
}

internal static class GraphProto
{
    public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12;
}

internal static class NodeProto
{
    public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
}

internal static class AttributeProto
{
    public const int Name = 1, F = 2, I = 3, Ints = 8, Type = 20;
    public const long FloatType = 1, IntType = 2, IntsType = 7;
}

internal static class TensorProto
{
    public const int Dims = 1, DataType = 2, Name = 8, RawData = 9;
    public const long Float = 1, Int64 = 7;
}

internal static class ValueInfoProto
{
    public const int Name = 1, Type = 2;
}

internal static class TypeProto
{
    public const int TensorType = 1;
    public const int ElemType = 1, Shape = 2;
    public const int Dim = 1;
    public const int DimValue = 1, DimParam = 2;
}

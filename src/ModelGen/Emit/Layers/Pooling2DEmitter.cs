using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>MaxPool2D and AvgPool2D over NHWC images; max pooling keeps the argmax of each window for its backward.</summary>
internal sealed class Pooling2DEmitter : LayerEmitter
{
    public static readonly Pooling2DEmitter Instance = new();

    private const string Kernels = "global::ModelGen.Kernels.Pooling2DKernels";

    public override void EmitFields(SourceWriter writer, LayerPlan layer)
    {
        var pool = (Pooling2DSpec)layer.Spec;
        writer.Line($"private static readonly global::ModelGen.Kernels.Pooling2DGeometry {Geometry(layer)} = global::ModelGen.Kernels.Pooling2DGeometry.Create(" +
                    $"{layer.Input.Dimensions[0]}, {layer.Input.Dimensions[1]}, {layer.Input.Dimensions[2]}, {pool.PoolSize}, {pool.Stride}, global::ModelGen.Padding.{pool.Padding});");
    }

    public override IEnumerable<Workspace> Workspaces(LayerPlan layer)
    {
        if (((Pooling2DSpec)layer.Spec).IsMax) yield return Argmax(layer);
    }

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer) { }

    public override void EmitInitialization(SourceWriter writer, LayerPlan layer) { }

    public override bool TreatsSamplesApart => true;

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass) =>
        writer.Line(((Pooling2DSpec)layer.Spec).IsMax
            ? $"{Kernels}.MaxForward({input}, {z}, {WorkspaceSpan(layer, Argmax(layer), pass)}, {batch}, in {Geometry(layer)});"
            : $"{Kernels}.AvgForward({input}, {z}, {batch}, in {Geometry(layer)});");

    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass) =>
        writer.Line($"if (!{inputGradient}.IsEmpty) " + (((Pooling2DSpec)layer.Spec).IsMax
            ? $"{Kernels}.MaxBackward({gradient}, {WorkspaceSpan(layer, Argmax(layer), pass)}, {inputGradient}, {batch}, in {Geometry(layer)});"
            : $"{Kernels}.AvgBackward({gradient}, {inputGradient}, {batch}, in {Geometry(layer)});"));

    /// <summary>
    /// Max pooling's backward fused with the backward of the (leaky) ReLU whose outputs it pooled (the model decides
    /// when): <paramref name="pooled"/> is this layer's output, <paramref name="slope"/> the ReLU's negative slope.
    /// </summary>
    public static void EmitBackwardThroughRelu(SourceWriter writer, LayerPlan layer, string gradient, string pooled, float slope, string inputGradient, string batch, Pass pass) =>
        writer.Line($"if (!{inputGradient}.IsEmpty) {Kernels}.MaxBackwardThroughRelu({gradient}, {WorkspaceSpan(layer, Argmax(layer), pass)}, {pooled}, " +
                    $"{Literals.Float(slope)}, {inputGradient}, {batch}, in {Geometry(layer)});");

    public override void EmitOnnx(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"graph.{(((Pooling2DSpec)layer.Spec).IsMax ? "MaxPool2D" : "AveragePool2D")}({NameLiteral(layer)}, in {Geometry(layer)});");

    private static Workspace Argmax(LayerPlan layer) => new("Argmax", "int", layer.Output.Length, "index within its sample of each window's maximum");

    private static string Geometry(LayerPlan layer) => new LayerNames(layer).Pascal + "Geometry";
}

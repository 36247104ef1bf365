using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>
/// Flatten and Reshape: samples are stored row-major and contiguous, so a new shape is the same
/// values. After another layer the model gives it that layer's buffers (<see cref="KeepsInputValues"/>);
/// as the first layer, or the last in one-sample <c>Predict</c>, forward and backward copy the values.
/// </summary>
internal sealed class ReshapeEmitter : LayerEmitter
{
    public static readonly ReshapeEmitter Instance = new();

    public override bool TreatsSamplesApart => true;

    public override bool KeepsInputValues => true;

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer) { }

    public override void EmitInitialization(SourceWriter writer, LayerPlan layer) { }

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass) =>
        writer.Line($"{input}.CopyTo({z});");

    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass) =>
        writer.Line($"if (!{inputGradient}.IsEmpty) {gradient}.CopyTo({inputGradient});");

    public override void EmitOnnx(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"graph.Reshape({NameLiteral(layer)}, [{string.Join(", ", layer.Output.Dimensions)}]);");
}

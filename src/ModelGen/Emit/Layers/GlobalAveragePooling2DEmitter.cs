using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>GlobalAveragePooling2D: the mean of each channel over the image, <c>(h, w, c)</c> to <c>(c)</c>.</summary>
internal sealed class GlobalAveragePooling2DEmitter : LayerEmitter
{
    public static readonly GlobalAveragePooling2DEmitter Instance = new();

    private const string Kernels = "global::ModelGen.Kernels.Pooling2DKernels";

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer) { }

    public override void EmitInitialization(SourceWriter writer, LayerPlan layer) { }

    public override bool TreatsSamplesApart => true;

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass) =>
        writer.Line($"{Kernels}.GlobalAverageForward({input}, {z}, {batch}, {Dimensions(layer)});");

    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass) =>
        writer.Line($"if (!{inputGradient}.IsEmpty) {Kernels}.GlobalAverageBackward({gradient}, {inputGradient}, {batch}, {Dimensions(layer)});");

    public override void EmitOnnx(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"graph.GlobalAveragePooling2D({NameLiteral(layer)});");

    private static string Dimensions(LayerPlan layer) => string.Join(", ", layer.Input.Dimensions);
}

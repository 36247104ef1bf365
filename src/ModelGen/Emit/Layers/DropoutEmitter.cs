using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>
/// Inverted dropout: in training passes a seeded mask zeroes values and scales the rest by
/// <c>1 / (1 - rate)</c>; inference passes (and <c>Predict</c>) copy the input through.
/// </summary>
internal sealed class DropoutEmitter : LayerEmitter
{
    public static readonly DropoutEmitter Instance = new();

    private const string Kernels = "global::ModelGen.Kernels.DropoutKernels";

    public override void EmitFields(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"private global::ModelGen.Kernels.DropoutRandom {RandomField(layer)}; // drawn from the model's seed by ResetParameters");

    public override IEnumerable<Workspace> Workspaces(LayerPlan layer)
    {
        yield return Mask(layer);
    }

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer) { }


    // The mask stream restarts with the weights, so a seed reproduces a whole training run.
    public override void EmitInitialization(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"{RandomField(layer)} = new global::ModelGen.Kernels.DropoutRandom(unchecked((ulong)random.NextInt64()));");

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass)
    {
        if (pass == Pass.OneSample)
        {
            writer.Line($"{input}.CopyTo({z});");
            return;
        }
        float rate = ((DropoutSpec)layer.Spec).Rate;
        writer.Line($"if (training) {Kernels}.Forward({input}, {z}, {WorkspaceSpan(layer, Mask(layer), pass)}, {Literals.Float(rate)}, ref {RandomField(layer)});");
        writer.Line($"else {input}.CopyTo({z});");
    }

    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass)
    {
        // After an inference pass (Forward, then Backward) no mask is live: the layer was the identity.
        writer.Open($"if (!{inputGradient}.IsEmpty)");
        writer.Line($"if (_training) {Kernels}.Backward({gradient}, {WorkspaceSpan(layer, Mask(layer), Pass.Batch)}, {inputGradient});");
        writer.Line($"else {gradient}.CopyTo({inputGradient});");
        writer.Close();
    }

    // Inference has no dropout, so the exported graph has no node for it.
    public override void EmitOnnx(SourceWriter writer, LayerPlan layer) =>
        writer.Line("// The identity in inference: no node.");

    private static Workspace Mask(LayerPlan layer) => new("Mask", "float", layer.Output.Length, "0 or 1 / (1 - rate) per value of the last training pass", UsedByPredict: false);

    private static string RandomField(LayerPlan layer) => new LayerNames(layer).WorkspaceField("Random");
}

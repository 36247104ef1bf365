using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>
/// BatchNormalization over the last axis: batch statistics in training passes (moving the moving
/// statistics, Keras' rule), moving statistics in inference. Gamma and beta are parameters; the
/// moving mean and variance are state, stored after all parameters so optimizers never touch them.
/// </summary>
internal sealed class BatchNormalizationEmitter : LayerEmitter
{
    public static readonly BatchNormalizationEmitter Instance = new();

    private const string Kernels = "global::ModelGen.Kernels.BatchNormKernels";

    // The batch's mean and 1/std per channel, from the training forward pass to its backward.
    public override void EmitFields(SourceWriter writer, LayerPlan layer)
    {
        var names = new LayerNames(layer);
        writer.Line($"private readonly float[] {names.WorkspaceField("SavedMean")} = new float[{Channels(layer)}]; // batch mean per channel, for backward");
        writer.Line($"private readonly float[] {names.WorkspaceField("SavedInverseStd")} = new float[{Channels(layer)}]; // batch 1/sqrt(var + eps) per channel");
    }

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer)
    {
        string pascal = new LayerNames(layer).Pascal;
        int channels = Channels(layer), offset = layer.ParameterOffset;
        string state = $"ParameterCount + {layer.StateOffset}";
        EmitTrainedView(writer, pascal + "Gamma", $"{layer.Spec.Name} scale (gamma), ({channels}).", offset, channels);
        EmitTrainedView(writer, pascal + "Beta", $"{layer.Spec.Name} offset (beta), ({channels}).", offset + channels, channels);
        writer.Line($$"""
            /// <summary>{{layer.Spec.Name}} moving mean, ({{channels}}), used in inference; state, not trained.</summary>
            public global::System.Span<float> {{pascal}}MovingMean => new global::System.Span<float>(_parameters, {{state}}, {{channels}});
            /// <summary>{{layer.Spec.Name}} moving variance, ({{channels}}), used in inference; state, not trained.</summary>
            public global::System.Span<float> {{pascal}}MovingVariance => new global::System.Span<float>(_parameters, {{state}} + {{channels}}, {{channels}});
            """);
    }

    public override void EmitInitialization(SourceWriter writer, LayerPlan layer)
    {
        string pascal = new LayerNames(layer).Pascal;
        writer.Line($"{pascal}Gamma.Fill(1f);");
        writer.Line($"{pascal}Beta.Clear();");
        writer.Line($"{pascal}MovingMean.Clear();");
        writer.Line($"{pascal}MovingVariance.Fill(1f);");
    }

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass)
    {
        var spec = (BatchNormalizationSpec)layer.Spec;
        var names = new LayerNames(layer);
        string p = names.Pascal, rows = Rows(layer, batch), channels = Channels(layer).ToString(), epsilon = Literals.Float(spec.Epsilon);
        string inference = $"{Kernels}.InferenceForward({input}, {p}Gamma, {p}Beta, {p}MovingMean, {p}MovingVariance, {z}, {rows}, {channels}, {epsilon});";
        if (pass == Pass.OneSample)
        {
            writer.Line(inference);
            return;
        }
        writer.Line($"if (training) {Kernels}.TrainingForward({input}, {p}Gamma, {p}Beta, {z}, {p}MovingMean, {p}MovingVariance, " +
                    $"{names.WorkspaceField("SavedMean")}, {names.WorkspaceField("SavedInverseStd")}, {rows}, {channels}, {epsilon}, {Literals.Float(spec.Momentum)});");
        writer.Line("else " + inference);
    }

    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass)
    {
        var spec = (BatchNormalizationSpec)layer.Spec;
        var names = new LayerNames(layer);
        string p = names.Pascal, rows = Rows(layer, batch), channels = Channels(layer).ToString();
        writer.Line($"if (_training) {Kernels}.Backward({input}, {p}Gamma, {gradient}, {names.WorkspaceField("SavedMean")}, {names.WorkspaceField("SavedInverseStd")}, " +
                    $"{p}GammaGradient, {p}BetaGradient, {inputGradient}, {rows}, {channels});");
        writer.Line($"else {Kernels}.InferenceBackward({input}, {p}Gamma, {gradient}, {p}MovingMean, {p}MovingVariance, " +
                    $"{p}GammaGradient, {p}BetaGradient, {inputGradient}, {rows}, {channels}, {Literals.Float(spec.Epsilon)});");
    }

    public override void EmitOnnx(SourceWriter writer, LayerPlan layer)
    {
        string p = new LayerNames(layer).Pascal;
        writer.Line($"graph.BatchNormalization({NameLiteral(layer)}, {p}Gamma, {p}Beta, {p}MovingMean, {p}MovingVariance, " +
                    $"{Literals.Float(((BatchNormalizationSpec)layer.Spec).Epsilon)});");
    }

    private static int Channels(LayerPlan layer) => layer.Input.Dimensions[layer.Input.Rank - 1];

    // Every position of an image (or the one position of a vector) is a row of per-channel values.
    private static string Rows(LayerPlan layer, string batch)
    {
        int positions = layer.Input.Length / Channels(layer);
        return positions == 1 ? batch : $"{batch} * {positions}";
    }
}
